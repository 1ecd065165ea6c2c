package io.evalstream.contracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Every run's {@link RunCheck}, read from the compacted runs topic by a thread of its own (no consumer group: each
 * instance reads it all). Lookups of a known run answer at once. A run not seen yet is looked up again once the
 * reader has caught up with the topic's end as of the lookup: a manifest is published before its tasks, so a run
 * still unknown then has no manifest. Invalid manifests are skipped here; the aggregator dead-letters them.
 */
public final class RunDirectory implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final WireFormat<RunManifest> MANIFESTS = WireFormat.of(RunManifest.class);

    private static final System.Logger LOG = System.getLogger(RunDirectory.class.getName());

    private final AtomicBoolean idle = new AtomicBoolean();
    private final Map<String, RunCheck> runs = new ConcurrentHashMap<>();
    private final Queue<CompletableFuture<Void>> barriers = new ConcurrentLinkedQueue<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    private RunDirectory(KafkaClients kafka) {
        this.consumer = kafka.consumer("run-directory-" + UUID.randomUUID(), Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Asking for the topic's partitions must not create it with the broker's defaults (not compacted):
                // TopicAdmin creates it.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, TopicAdmin.MAX_MESSAGE_BYTES));
        this.reader = Thread.ofPlatform().daemon().name("run-directory").unstarted(this::read);
    }

    /** Starts reading the runs topic (which must exist) from its beginning. */
    public static RunDirectory start(KafkaClients kafka) {
        RunDirectory directory = new RunDirectory(kafka);
        directory.reader.start();
        return directory;
    }

    /** The run's check, or empty when the run has no valid manifest on the topic. Never fails. */
    public CompletionStage<Optional<RunCheck>> lookup(String runId) {
        RunCheck known = runs.get(runId);
        if (known != null) {
            return CompletableFuture.completedFuture(Optional.of(known));
        }
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        barriers.add(caughtUp);
        // Only an idle wait is cut short: waking a catch-up would restart it, and a stream of lookups never let it end.
        if (idle.compareAndSet(true, false)) {
            consumer.wakeup();
        }
        return caughtUp.thenApply(done -> Optional.ofNullable(runs.get(runId)));
    }

    private void read() {
        List<TopicPartition> partitions = List.of();
        while (running) {
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            for (CompletableFuture<Void> barrier; (barrier = barriers.poll()) != null; ) {
                waiting.add(barrier);
            }
            try {
                if (partitions.isEmpty()) {
                    partitions = assign();
                }
                if (waiting.isEmpty()) {
                    idle.set(true);
                    if (barriers.isEmpty()) {
                        poll();
                    }
                    idle.set(false);
                } else {
                    catchUp(partitions);
                }
                waiting.forEach(barrier -> barrier.complete(null));
            } catch (WakeupException e) {
                idle.set(false);
                barriers.addAll(waiting);  // serve them with the lookup that woke us, in one catch-up
            } catch (RuntimeException e) {
                // Never leave a lookup hanging: while the runs topic cannot be read, no run can be checked.
                waiting.forEach(barrier -> barrier.complete(null));
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "Reading " + Topics.RUNS + " failed; retrying in 1 s", e);
                    LockSupport.parkNanos(RETRY.toNanos());
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private List<TopicPartition> assign() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RUNS).stream()
                .map(info -> new TopicPartition(Topics.RUNS, info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.RUNS + " does not exist yet");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private void catchUp(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (running && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            poll();
        }
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            if (record.key() == null) {
                continue;
            }
            if (record.value() == null) {
                runs.remove(record.key());
            } else if (MANIFESTS.decode(record.value()) instanceof Decoded.Valid<RunManifest> valid
                    && valid.value().runId().equals(record.key())) {
                runs.put(record.key(), RunCheck.of(valid.value()));
            }
        }
    }

    /** Wakes a reader thread out of its poll and waits up to 10 s for it to close its consumer and end. */
    public static void stopReader(KafkaConsumer<?, ?> consumer, Thread reader) {
        consumer.wakeup();
        try {
            reader.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        stopReader(consumer, reader);
        barriers.forEach(barrier -> barrier.complete(null));
    }
}
