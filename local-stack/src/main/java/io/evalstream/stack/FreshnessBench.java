package io.evalstream.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.Marking;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.WireFormat;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Freshness of the live gauges: the time from a grade being sent to the grades topic until the aggregator's
 * Prometheus endpoint shows it (the scrape interval is not included: the endpoint is read directly, every few
 * milliseconds). Each probe sends one grade of a new task to a cell of its own run and waits for that cell's
 * {@code evalstream_graded_samples} to count it.
 */
final class FreshnessBench {

    private static final WireFormat<Grade> GRADES = WireFormat.of(Grade.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 5;

    private final LocalStack stack;
    private final StackClient client;

    FreshnessBench(LocalStack stack, StackClient client) {
        this.stack = stack;
        this.client = client;
    }

    /**
     * Sends up to {@code probes} grades one after the other, while {@code keepGoing} holds, and returns the figures
     * as a JSON line.
     *
     * @param load a label for the line: what else the stack was doing meanwhile
     */
    String measure(int probes, String load, BooleanSupplier keepGoing) throws Exception {
        String runId = "freshness-" + load + "-" + System.currentTimeMillis();
        URI metrics = stack.aggregator("/q/metrics");
        String series = "evalstream_graded_samples{benchmark=\"probe\",model=\"probe\",run=\"" + runId + "\"}";
        double[] millis = new double[probes];
        int done = 0;
        try (KafkaProducer<String, byte[]> producer = stack.kafkaClients().producer("freshness-bench", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all"))) {
            for (; done < probes && keepGoing.getAsBoolean(); done++) {
                TaskId task = new TaskId(runId, "probe", "probe", "item-" + done, "default", 0);
                Grade grade = Grade.of(task, new Marking(Verdict.CORRECT, 1.0, "1", "1"),
                        new GradeContext(Category.MATH, null, "probe@1", "probe", Instant.now()), CallFacts.of(1, true),
                        Evidence.NONE);
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.GRADES, task.toString(), GRADES.encode(grade)));
                awaitCount(metrics, series, done + 1);
                millis[done] = (System.nanoTime() - sent) / 1e6;
            }
        }
        double[] measured = Arrays.copyOf(millis, done);
        Arrays.sort(measured);
        ObjectNode line = Json.mapper().createObjectNode()
                .put("benchmark", "gauge_freshness")
                .put("load", load)
                .put("unit", "ms")
                .put("probes", done)
                .put("p50", percentile(measured, 0.50))
                .put("p95", percentile(measured, 0.95))
                .put("p99", percentile(measured, 0.99))
                .put("max", done == 0 ? 0 : measured[done - 1])
                .put("target_p99", 1000)
                .put("path", "grade sent -> grades topic -> Kafka Streams commit -> gauge on /q/metrics (no scrape interval)");
        return Json.mapper().writeValueAsString(line);
    }

    private void awaitCount(URI metrics, String series, int count) {
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (value(client.get(metrics).body(), series) >= count) {
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("the aggregator's gauge " + series + " did not reach " + count + " within "
                + PROBE_TIMEOUT.toSeconds() + " s; is the aggregator running (see its log)?");
    }

    private static double value(String exposition, String series) {
        int at = exposition.indexOf(series);
        if (at < 0) {
            return -1;
        }
        int start = at + series.length() + 1;
        int end = exposition.indexOf('\n', start);
        return Double.parseDouble(exposition.substring(start, end < 0 ? exposition.length() : end).trim());
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        double value = sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        return Math.round(value * 10) / 10.0;
    }
}
