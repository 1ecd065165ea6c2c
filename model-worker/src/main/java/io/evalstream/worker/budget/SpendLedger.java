package io.evalstream.worker.budget;

import io.evalstream.contracts.Budget;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.RunDirectory;
import io.evalstream.contracts.SpendReport;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The spend of runs with a budget, shared by every worker replica through the compacted topic {@link Topics#SPEND}:
 * each process writes what it has committed per (run, model), spent plus held for its calls in flight at the most
 * each can cost, and reads every other process's latest figure. A call is let through only while everything
 * committed plus its own most would stay within the budget, so this process alone never passes it; replicas that
 * reserve at the same moment, before they read each other's figure, can together pass it by at most their calls in
 * flight at that moment (see the README).
 */
public final class SpendLedger implements AutoCloseable {

    private static final WireFormat<SpendReport> REPORTS = WireFormat.of(SpendReport.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final System.Logger LOG = System.getLogger(SpendLedger.class.getName());

    private final String instance = "worker-" + UUID.randomUUID();
    private final Map<String, SpendReport> others = new ConcurrentHashMap<>();
    /** Per run/model key: this process's nano-dollars spent, and held for calls in flight. */
    private final Map<String, long[]> mine = new HashMap<>();
    /** Calls waiting for this process's own calls in flight to end, in arrival order. */
    private final List<Pending> waiting = new ArrayList<>();
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    private SpendLedger(KafkaClients kafka) {
        this.producer = kafka.producer(instance, Map.of());
        this.consumer = kafka.consumer(instance, Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
        this.reader = Thread.ofPlatform().daemon().name("spend-ledger").unstarted(this::read);
    }

    public static SpendLedger start(KafkaClients kafka) {
        SpendLedger ledger = new SpendLedger(kafka);
        ledger.reader.start();
        return ledger;
    }

    /**
     * Holds {@code mostNano} for one call to {@code model} in {@code runId} once that cannot pass a limit of the
     * budget; completes with why not when it could: at once when this process holds nothing for the run (more waiting
     * would not help), else when one of its own calls ends and frees its hold (they all end; another replica's
     * hold may be a crashed process's, so it is never waited for).
     */
    public CompletableFuture<Optional<String>> reserve(String runId, String model, Budget budget, long mostNano) {
        Pending pending = new Pending(runId, model, budget, mostNano);
        boolean decided;
        synchronized (this) {
            decided = decide(pending);
            if (!decided) {
                waiting.add(pending);
            }
        }
        // Answered outside the lock: what runs on the answer may reserve or settle again.
        if (decided) {
            pending.answer();
        }
        return pending.answer;
    }

    /** @return whether the call was decided (let through and its cost held, or refused) */
    private boolean decide(Pending call) {
        Optional<String> over = over(call);
        if (over.isPresent() && held(call.runId) > 0) {
            return false;
        }
        if (over.isEmpty()) {
            long[] own = mine.computeIfAbsent(call.runId + TaskId.SEPARATOR + call.model, key -> new long[2]);
            own[1] += call.mostNano;
            publish(call.runId, call.model, own);
        }
        call.decision = over;
        return true;
    }

    private Optional<String> over(Pending call) {
        OptionalDouble modelLimit = call.budget.modelLimit(call.model);
        if (modelLimit.isPresent()) {
            long committed = committed(call.runId + TaskId.SEPARATOR + call.model + TaskId.SEPARATOR);
            if (committed + call.mostNano > nano(modelLimit.getAsDouble())) {
                return Optional.of(over("model " + call.model + "'s budget", modelLimit.getAsDouble(), committed,
                        call.mostNano));
            }
        }
        if (call.budget.usd() != null) {
            long committed = committed(call.runId + TaskId.SEPARATOR);
            if (committed + call.mostNano > nano(call.budget.usd())) {
                return Optional.of(over("the run's budget", call.budget.usd(), committed, call.mostNano));
            }
        }
        return Optional.empty();
    }

    /** What this process holds for calls in flight of a run. */
    private long held(String runId) {
        return mine.entrySet().stream().filter(own -> own.getKey().startsWith(runId + TaskId.SEPARATOR))
                .mapToLong(own -> own.getValue()[1]).sum();
    }

    /** A call asking for its place in the budget; decided once, answered outside the lock. */
    private static final class Pending {
        final String runId;
        final String model;
        final Budget budget;
        final long mostNano;
        final CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        Optional<String> decision;

        Pending(String runId, String model, Budget budget, long mostNano) {
            this.runId = runId;
            this.model = model;
            this.budget = budget;
            this.mostNano = mostNano;
        }

        void answer() {
            answer.complete(decision);
        }
    }

    /** The call holding {@code heldNano} ended, having cost {@code spentNano}; calls waiting for it are decided. */
    public void settle(String runId, String model, long heldNano, long spentNano) {
        List<Pending> decided = new ArrayList<>();
        synchronized (this) {
            long[] own = mine.computeIfAbsent(runId + TaskId.SEPARATOR + model, key -> new long[2]);
            own[1] -= heldNano;
            own[0] += spentNano;
            publish(runId, model, own);
            waiting.removeIf(call -> decide(call) && decided.add(call));
        }
        decided.forEach(Pending::answer);
    }

    /** What this process sees committed to {@code model} in {@code runId}: its own and the other replicas' reports. */
    synchronized long committedNano(String runId, String model) {
        return committed(runId + TaskId.SEPARATOR + model + TaskId.SEPARATOR);
    }

    public static long nano(double usd) {
        return Math.round(usd * 1e9);
    }

    /** Everything committed under a key prefix (run/ or run/model/), this process's and the others'. */
    private long committed(String prefix) {
        long sum = 0;
        for (Map.Entry<String, long[]> own : mine.entrySet()) {
            if ((own.getKey() + TaskId.SEPARATOR).startsWith(prefix)) {
                sum += own.getValue()[0] + own.getValue()[1];
            }
        }
        for (Map.Entry<String, SpendReport> other : others.entrySet()) {
            if (other.getKey().startsWith(prefix)) {
                sum += other.getValue().committedNanoUsd();
            }
        }
        return sum;
    }

    private static String over(String limit, double usd, long committedNano, long mostNano) {
        return String.format(Locale.ROOT, "%s of $%.4f is reached: $%.4f committed (spent, and held for calls in"
                + " flight) and this call could cost up to $%.4f; not called", limit, usd, committedNano / 1e9,
                mostNano / 1e9);
    }

    private void publish(String runId, String model, long[] own) {
        SpendReport report = new SpendReport(runId, model, instance, Math.max(0, own[0] + own[1]));
        producer.send(new ProducerRecord<>(Topics.SPEND, report.key(), REPORTS.encode(report)), (done, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, "Could not share the spend of " + report.key()
                        + "; other replicas see it at the next call", failure);
            }
        });
    }

    private void read() {
        boolean assigned = false;
        while (running) {
            try {
                if (!assigned) {
                    List<TopicPartition> partitions = consumer.partitionsFor(Topics.SPEND).stream()
                            .map(info -> new TopicPartition(Topics.SPEND, info.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    assigned = !partitions.isEmpty();
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.value() != null && REPORTS.decode(record.value()) instanceof Decoded.Valid<SpendReport> v
                            && v.value().key().equals(record.key()) && !instance.equals(v.value().instance())) {
                        others.put(record.key(), v.value());
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(System.Logger.Level.DEBUG, "Reading " + Topics.SPEND + " failed; retrying in 1 s", e);
                    LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        running = false;
        RunDirectory.stopReader(consumer, reader);
        producer.close(Duration.ofSeconds(5));
    }
}
