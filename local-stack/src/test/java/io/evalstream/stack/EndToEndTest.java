package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.WireFormat;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.RunReport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged services as separate processes on a real broker, driven the way a user drives them.
 * Counts are checked three ways: the aggregator's report, its Prometheus gauges, and an independent
 * read of the grades topic.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@Tag("integration")
class EndToEndTest extends SharedStack {

    private static final List<String> MODELS = List.of("sim-strong", "sim-weak");
    private static final List<String> BENCHMARKS = List.of("gsm8k", "mmlu");
    /** Samples per item, so that even the smallest built-in sample set gives over 500 tasks per cell. */
    private static final int SAMPLES = 20;

    @Test
    void evaluatesTwoModelsOnTwoBenchmarksWithExactCountsAndResubmittingChangesNothing() throws Exception {
        String runId = "e2e-exact-" + System.currentTimeMillis();
        String spec = RunSpecs.json(runId, MODELS, BENCHMARKS, null,
                new SettingsOverrides(0, false, 0.7, null, 64, 7L, null), SAMPLES);

        HttpResponse<String> accepted = client.submit(spec);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Location")).hasValue("/runs/" + runId);
        RunReport report = client.awaitComplete(runId, Duration.ofMinutes(8), r -> { });

        Map<String, long[]> fromTopic = countGradesOnTopic(runId);
        assertThat(report.scores()).hasSize(MODELS.size() * BENCHMARKS.size());
        for (String model : MODELS) {
            for (String benchmark : BENCHMARKS) {
                BenchmarkScore cell = Reports.cell(report, model, benchmark).orElseThrow();
                long[] counted = fromTopic.get(model + "/" + benchmark);
                // 40 gsm8k and 50 mmlu sample items x 20 samples: 800 and 1,000, counted from the files.
                long items = SampleItems.of(benchmark, null) * SAMPLES;
                assertThat(cell.grading().expected()).as("expected tasks of %s/%s", model, benchmark)
                        .isEqualTo(items);
                assertThat(cell.graded()).isEqualTo(items).isEqualTo(counted[0]);
                assertThat(cell.counts().correct()).as("correct of %s/%s", model, benchmark).isEqualTo(counted[1]);
                // The gauges read the stores on the aggregator's reconcile tick: they may trail the report by one.
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> {
                    assertThat(metric("evalstream_graded_samples", runId, model, benchmark))
                            .isEqualTo(cell.graded());
                    assertThat(metric("evalstream_correct_samples", runId, model, benchmark))
                            .isEqualTo(cell.counts().correct());
                });
            }
        }
        assertThat(Reports.cell(report, "sim-strong", "gsm8k").orElseThrow().accuracy().value())
                .as("the strong simulated model beats the weak one")
                .isGreaterThan(Reports.cell(report, "sim-weak", "gsm8k").orElseThrow().accuracy().value());

        assertThat(client.submit(spec).statusCode()).isEqualTo(202);
        long expected = SampleItems.tasks(MODELS, BENCHMARKS, null, SAMPLES);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() ->
                rawGradeCount(runId) >= 2 * expected
                        && TopicReader.lag(stack.bootstrapServers(), "evalstream-aggregator", Topics.GRADES) == 0);
        RunReport again = client.report(runId).orElseThrow();
        assertThat(again.scores()).isEqualTo(withTimingsOf(report.scores(), again.scores()));
        assertThat(Reports.graded(again)).isEqualTo(expected);
    }

    @Test
    void rejectsAnInvalidRunSpecWithA400ThatNamesTheField() {
        HttpResponse<String> response = client.submit("{\"runId\":\"ok\",\"models\":[],\"benchmarks\":[{\"id\":\"gsm8k\"}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("models");

        HttpResponse<String> notJson = client.submit("{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    private static double metric(String name, String runId, String model, String benchmark) {
        String text = client.get(stack.aggregator("/q/metrics")).body();
        Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(text);
        while (line.find()) {
            String labels = line.group(1);
            if (labels.contains("run=\"" + runId + "\"") && labels.contains("model=\"" + model + "\"")
                    && labels.contains("benchmark=\"" + benchmark + "\"")) {
                return Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError(name + " for " + runId + "/" + model + "/" + benchmark + " is not on /q/metrics");
    }

    /** Per model/benchmark: {distinct tasks graded, of which correct (latest grade per task)}. */
    private static Map<String, long[]> countGradesOnTopic(String runId) {
        Map<String, Grade> latest = new HashMap<>();
        WireFormat<Grade> format = WireFormat.of(Grade.class);
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(stack.bootstrapServers(), Topics.GRADES)) {
            if (record.key() != null && record.key().startsWith(runId + "/")
                    && format.decode(record.value()) instanceof Decoded.Valid<Grade> valid) {
                latest.put(record.key(), valid.value());
            }
        }
        Map<String, long[]> counts = new HashMap<>();
        latest.values().forEach(grade -> {
            long[] count = counts.computeIfAbsent(grade.taskId().modelId() + "/" + grade.taskId().benchmarkId(),
                    key -> new long[2]);
            count[0]++;
            count[1] += grade.verdict() == Verdict.CORRECT ? 1 : 0;
        });
        return counts;
    }

    private static long rawGradeCount(String runId) {
        return TopicReader.readAll(stack.bootstrapServers(), Topics.GRADES).stream()
                .filter(record -> record.key() != null && record.key().startsWith(runId + "/")).count();
    }

    /** The first report's cells with the second report's update times, so only the counts are compared. */
    /**
     * The first scores with the second's times: when the snapshot was made, and the model-call latency, which the
     * resubmitted tasks measured anew (the latest grade of a task brings its own call's latency; every count,
     * score, token and interval must stay the same).
     */
    private static List<BenchmarkScore> withTimingsOf(List<BenchmarkScore> first, List<BenchmarkScore> second) {
        List<BenchmarkScore> copy = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            BenchmarkScore cell = first.get(i);
            BenchmarkScore timed = i < second.size() ? second.get(i) : cell;
            CallStats calls = cell.calls();
            copy.add(new BenchmarkScore(cell.schemaVersion(), cell.cell(), cell.counts(), cell.estimates(),
                    cell.grading(), timed.updatedAt(), new CallStats(timed.calls().latency(), calls.tokens(),
                            calls.cost(), calls.errorKinds(), calls.errorReasons()), cell.detail()));
        }
        return copy;
    }
}
