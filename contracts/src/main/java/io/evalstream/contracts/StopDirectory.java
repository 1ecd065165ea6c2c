package io.evalstream.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Every early-stop decision, read from the compacted stops topic by a thread of its own (no consumer group: each
 * instance reads it all) and kept in memory. Unlike {@link RunDirectory} a lookup never waits: a decision seen a
 * moment late costs a few model calls, not a wrong count. Invalid records are skipped.
 */
public final class StopDirectory implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final WireFormat<StopDecision> DECISIONS = WireFormat.of(StopDecision.class);
    private static final System.Logger LOG = System.getLogger(StopDirectory.class.getName());

    private final Map<String, StopDecision> decisions = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    private StopDirectory(KafkaClients kafka) {
        this.consumer = kafka.consumer("stop-directory-" + UUID.randomUUID(), Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // TopicAdmin creates the topic compacted; asking for its partitions must not create it otherwise.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
        this.reader = Thread.ofPlatform().daemon().name("stop-directory").unstarted(this::read);
    }

    /** Starts reading the stops topic from its beginning (waiting for it to exist). */
    public static StopDirectory start(KafkaClients kafka) {
        StopDirectory directory = new StopDirectory(kafka);
        directory.reader.start();
        return directory;
    }

    /** The decision that stopped this benchmark of this run, if one was read. */
    public Optional<StopDecision> stopped(String runId, String benchmarkId) {
        return Optional.ofNullable(decisions.get(StopDecision.key(runId, benchmarkId)));
    }

    /** The decisions of one run by benchmark id. */
    public Map<String, StopDecision> ofRun(String runId) {
        Map<String, StopDecision> found = new TreeMap<>();
        decisions.values().stream().filter(decision -> decision.runId().equals(runId))
                .forEach(decision -> found.put(decision.benchmarkId(), decision));
        return found;
    }

    /** Whether the topic has been read up to where its end was when reading started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Remembers a decision this process just wrote, before it is read back. */
    public void written(StopDecision decision) {
        decisions.putIfAbsent(decision.key(), decision);
    }

    private void read() {
        Map<TopicPartition, Long> start = null;
        while (running) {
            try {
                if (start == null) {
                    start = assign();
                }
                poll();
                if (!caughtUp) {
                    caughtUp = start.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                }
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(System.Logger.Level.DEBUG, "Reading " + Topics.STOPS + " failed; retrying in 1 s", e);
                    LockSupport.parkNanos(RETRY.toNanos());
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private Map<TopicPartition, Long> assign() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.STOPS).stream()
                .map(info -> new TopicPartition(Topics.STOPS, info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.STOPS + " does not exist yet");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer.endOffsets(partitions);
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            if (record.key() != null && record.value() != null
                    && DECISIONS.decode(record.value()) instanceof Decoded.Valid<StopDecision> valid
                    && valid.value().key().equals(record.key())) {
                decisions.putIfAbsent(record.key(), valid.value());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        RunDirectory.stopReader(consumer, reader);
    }
}
