package io.evalstream.aggregator.streams;

import static io.evalstream.reports.Fixtures.bytes;
import static io.evalstream.reports.Fixtures.grade;
import static io.evalstream.reports.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.aggregator.metrics.StreamCounters;
import io.evalstream.reports.scoring.Tally;
import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TopicAdmin;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real topology on the real (shared) test broker with exactly_once_v2: a stream thread that fails in the middle
 * of a transaction aborts it and its replacement processes the same records again, and the counters read from the
 * stores still count every grade once. A counter incremented inside {@code process()} counts the redone records
 * twice; the test proves they were redone.
 */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AbortedTransactionTest {

    private static final int GRADES = 40;
    private static final int PARTITIONS = 6;

    @TempDir
    Path stateDir;

    private final String run = "run-abort-" + UUID.randomUUID();
    private final String applicationId = "abort-test-" + UUID.randomUUID();
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicInteger replaced = new AtomicInteger();

    @Test
    void aTransactionAbortedMidwayAndRedoneCountsEveryGradeOnce() throws Exception {
        KafkaClients kafka = KafkaClients.plaintext(new KafkaTestResource().start().get("kafka.bootstrap.servers"));
        TopicAdmin.ensureTopics(kafka, PARTITIONS, (short) 1);
        TaskId poison = task(run, "sim-strong", "gsm8k", GRADES - 5);
        Topology topology = ScoreTopology.build();
        // A test-only child of the grade reader: it throws once, on the fifth grade before the last, after the reader
        // has counted it and the grades before it in the same transaction.
        topology.addProcessor("fail-once", () -> new FailOnce(poison.toString()), "read-grades");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StreamCounters counters = new StreamCounters(registry);

        try (KafkaStreams streams = new KafkaStreams(topology, config(kafka));
             KafkaProducer<String, byte[]> producer = kafka.producer("abort-test", Map.of())) {
            streams.setUncaughtExceptionHandler(error -> {
                replaced.incrementAndGet();
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.start();
            LocalStores local = new LocalStores(streams, PARTITIONS);
            startAfterTheBacklog(streams, local, producer, kafka);
            counters.observe(local.counts());
            int seenBefore = seen.get();

            for (int item = 1; item <= GRADES; item++) {
                TaskId task = task(run, "sim-strong", "gsm8k", item);
                producer.send(new ProducerRecord<>(Topics.GRADES, task.toString(),
                        bytes(grade(task, item % 3 == 0 ? Verdict.INCORRECT : Verdict.CORRECT))));
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(90)).until(() -> graded(streams, local, "gsm8k") == GRADES);
            counters.observe(local.counts());

            assertThat(failed).as("the poison threw").isTrue();
            assertThat(replaced).as("stream threads replaced").hasValue(1);
            assertThat(seen.get() - seenBefore).as("grade reads, the aborted transaction's redone")
                    .isGreaterThan(GRADES);
            assertThat(registry.get("evalstream_grades_read").functionCounter().count()).isEqualTo(GRADES);
        }
    }

    /**
     * The application starts at the end of the shared grades topic, which it finds at its first fetch, and would
     * start there again after the abort on a partition without a committed offset. So a round of warm-up grades, one
     * per partition, is sent until a whole round is read, and then until every partition has committed an offset.
     */
    private void startAfterTheBacklog(KafkaStreams streams, LocalStores local, KafkaProducer<String, byte[]> producer,
            KafkaClients kafka) throws Exception {
        AtomicInteger item = new AtomicInteger();
        List<String> round = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (!round.isEmpty() && streams.state() == KafkaStreams.State.RUNNING
                    && local.samples(ScoreKey.runPrefix(run)).entries().keySet().containsAll(round)) {
                return true;
            }
            round.clear();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                TaskId warmUp = task(run, "sim-strong", "warm-up", item.incrementAndGet());
                producer.send(new ProducerRecord<>(Topics.GRADES, partition, warmUp.toString(),
                        bytes(grade(warmUp, Verdict.CORRECT)))).get();
                round.add(warmUp.toString());
            }
            return false;
        });
        try (Admin admin = kafka.admin("abort-test-offsets")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get().keySet().stream()
                    .filter(partition -> partition.topic().equals(Topics.GRADES)).count() == PARTITIONS);
        }
    }

    /** Grades of one benchmark of the run in the tallies, or -1 while not every partition is readable here. */
    private long graded(KafkaStreams streams, LocalStores local, String benchmark) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return -1;
        }
        var slice = local.tallies(ScoreKey.runPrefix(run));
        Tally tally = slice.entries().get(new ScoreKey(run, "sim-strong", benchmark).toString());
        return slice.partitions().size() < PARTITIONS ? -1 : tally == null ? 0 : tally.graded();
    }

    private Properties config(KafkaClients kafka) {
        Properties config = kafka.with(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, applicationId,
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                // Long enough that the grades before the poison are still in the open transaction when it throws.
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000,
                StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest",
                // A failed thread does not leave the group; its replacement gets the partitions once the broker gives
                // up on it, so that should not take the default 45 s.
                StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000,
                StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000));
        return config;
    }

    private final class FailOnce implements Processor<String, GradeRead, Void, Void> {

        private final String poison;

        FailOnce(String poison) {
            this.poison = poison;
        }

        @Override
        public void process(Record<String, GradeRead> record) {
            seen.incrementAndGet();
            if (record.value() instanceof GradeRead.Accepted accepted && accepted.taskId().equals(poison)
                    && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure in the middle of a transaction");
            }
        }
    }
}
