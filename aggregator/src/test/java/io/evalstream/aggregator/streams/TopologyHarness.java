package io.evalstream.aggregator.streams;

import static io.evalstream.reports.Fixtures.bytes;
import static io.evalstream.reports.Fixtures.grade;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.reports.Fixtures;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real topology and serdes in a {@link TopologyTestDriver}, with explicit record times. After each test
 * every output topic must have been read: nothing may come out that the test did not look at.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class TopologyHarness {

    static final String RUN = "run-ttd";
    static final String STRONG = RUN + "/sim-strong/gsm8k";
    static final String WEAK = RUN + "/sim-weak/gsm8k";

    @TempDir
    Path stateDir;
    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> grades;
    TestInputTopic<String, byte[]> runs;
    TestOutputTopic<String, byte[]> deadLetters;
    TestOutputTopic<String, BenchmarkScore> metrics;
    private Instant clock = Fixtures.T0;

    @BeforeEach
    void startDriver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "evalstream-aggregator-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "never-contacted:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(ScoreTopology.build(), config, Fixtures.T0);
        grades = driver.createInputTopic(Topics.GRADES, new StringSerializer(), new ByteArraySerializer());
        runs = driver.createInputTopic(Topics.RUNS, new StringSerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic(Topics.DLQ, new StringDeserializer(), new ByteArrayDeserializer());
        metrics = driver.createOutputTopic(Topics.METRICS, new StringDeserializer(),
                ScoreTopology.SCORE.deserializer());
    }

    @AfterEach
    void everyOutputWasReadAndNothingElseCameOut() {
        try {
            assertThat(deadLetters.isEmpty()).as("unread dead letters").isTrue();
            assertThat(metrics.isEmpty()).as("unread score snapshots").isTrue();
        } finally {
            driver.close();
        }
    }

    Instant tick() {
        clock = clock.plus(Duration.ofSeconds(1));
        return clock;
    }

    void send(Grade grade) {
        grades.pipeInput(grade.taskId().toString(), bytes(grade), tick());
    }

    void send(TaskId task, Verdict verdict) {
        send(grade(task, verdict));
    }

    /** What the topology counted in its store (one partition here). */
    long count(StreamCount what) {
        Long counted = driver.<String, Long>getKeyValueStore(ScoreTopology.COUNTS).get(what.name());
        return counted == null ? 0 : counted;
    }

    /** The last snapshot of every cell, draining the metrics topic. */
    Map<String, BenchmarkScore> latestScores() {
        return metrics.readKeyValuesToMap();
    }

}
