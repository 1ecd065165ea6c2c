package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.RunAccepted;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The run the chaos tests disturb, and what it must end in however it was disturbed: every expected task graded
 * exactly once, by the report, by the gauges and on the grades topic, with the scores an undisturbed run of the
 * same spec gets (the simulated model answers as a function of the task id without its run id).
 */
final class ExactCounts {

    static final List<String> BENCHMARKS = List.of("gsm8k", "mmlu");
    private static final WireFormat<Grade> GRADES = WireFormat.of(Grade.class);
    private static final Pattern SERIES = Pattern.compile("(?m)^(evalstream_[a-z_]+)\\{([^}]*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /**
     * What a finished run left: its report and, per task id without the run id, its latest grade's verdict and
     * score on the grades topic.
     */
    record Outcome(String runId, RunReport report, Map<String, String> grades, int gradeRecords) {

        /** Grades on the topic beyond one per task: tasks graded again after a crash (the aggregator counts them once). */
        int redone() {
            return gradeRecords - grades.size();
        }
    }

    private ExactCounts() {
    }

    /**
     * Submits the chaos spec: 300 tasks of the paced model (500 ms each), about 10 s for one worker that serves
     * 16 at a time; long enough for a fault to hit mid-run, short enough for CI.
     *
     * @return the tasks the prompt-producer published
     */
    static long submit(StackClient client, String runId) {
        HttpResponse<String> accepted = client.submit(RunSpecs.json(runId, List.of(SharedStack.PACED_MODEL),
                BENCHMARKS, 30, new SettingsOverrides(0, false, 0.7, null, 64, 7L, null), 5));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        try {
            long tasks = Json.mapper().readValue(accepted.body(), RunAccepted.class).tasks();
            assertThat(tasks).as("tasks of %s", runId).isEqualTo(300);
            return tasks;
        } catch (IOException e) {
            throw new UncheckedIOException("the run submission answered with something that is not JSON", e);
        }
    }

    /**
     * Where a run was when the fault hit.
     *
     * @param graded tasks the report counted graded, strictly between none and all
     * @param served tasks the worker had served (its completions may still be on their way to the grades)
     */
    record MidRun(String runId, long tasks, long graded, long served) {
    }

    /**
     * Submits the chaos spec and waits until some of it is graded and a third of it is served or graded: the
     * moment for a fault. On a busy machine the grading may trail the paced worker by seconds, so the worker's
     * count is watched too.
     */
    static MidRun startAndAwaitMidRun(StackClient client, ServiceProcess worker, String runId) {
        long servedBefore = served(client, worker);
        long tasks = submit(client, runId);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long graded = client.report(runId).map(Reports::graded).orElse(0L);
            return graded > 0 && Math.max(graded, served(client, worker) - servedBefore) * 3 >= tasks;
        });
        long graded = Reports.graded(client.report(runId).orElseThrow());
        long served = served(client, worker) - servedBefore;
        assertThat(graded).as("graded when the fault hits").isPositive().isLessThan(tasks);
        return new MidRun(runId, tasks, graded, served);
    }

    /** The paced model's tasks a worker has served since it started, over all outcomes, from its Prometheus endpoint. */
    private static long served(StackClient client, ServiceProcess worker) {
        double total = 0;
        for (Map.Entry<Map<String, String>, Double> series : series(client.get(worker.uri("/q/metrics")).body(),
                "evalstream_model_requests_total").entrySet()) {
            if (SharedStack.PACED_MODEL.equals(series.getKey().get("model"))) {
                total += series.getValue();
            }
        }
        return Math.round(total);
    }

    /**
     * Waits for the run to complete and checks that every cell is graded exactly its expected count, that the
     * grades topic holds grades for exactly the task ids the tasks topic holds for the run, that none of them
     * went to the dead letters, and that the aggregator's gauges say what the report says.
     */
    static Outcome verify(LocalStack stack, StackClient client, String runId) {
        RunReport report = client.awaitComplete(runId, Duration.ofMinutes(6), r -> { });
        long expected = Reports.expected(report);
        assertThat(report.scores()).as("cells of %s", runId).hasSize(BENCHMARKS.size());
        for (BenchmarkScore cell : report.scores()) {
            assertThat(cell.graded()).as("graded of %s", cell).isEqualTo(cell.grading().expected())
                    .isPositive();
        }
        assertThat(Reports.graded(report)).as("graded of %s", runId).isEqualTo(expected);

        Set<String> published = new TreeSet<>();
        TopicReader.readAll(stack.kafkaClients(), Topics.TASKS).stream().map(ConsumerRecord::key)
                .filter(key -> key != null && key.startsWith(runId + "/")).forEach(published::add);
        assertThat((long) published.size()).as("distinct tasks of %s on the tasks topic", runId).isEqualTo(expected);
        Map<String, String> grades = new TreeMap<>();
        int records = 0;
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(stack.kafkaClients(), Topics.GRADES)) {
            if (record.key() != null && record.key().startsWith(runId + "/")) {
                assertThat(published).as("a grade for a task of %s that was never published", runId)
                        .contains(record.key());
                grades.put(record.key().substring(runId.length() + 1), outcome(record));
                records++;
            }
        }
        assertThat(grades).as("tasks of %s with a grade", runId).hasSameSizeAs(published);
        assertThat(TopicReader.readAll(stack.kafkaClients(), Topics.DLQ)).as("dead letters of %s", runId)
                .noneMatch(record -> record.key() != null && record.key().startsWith(runId + "/"));
        awaitGaugesAgree(stack, client, runId, report);
        // A grade counted twice after the run completed would show now, seconds later.
        assertThat(client.report(runId).orElseThrow().totals()).as("totals of %s once the topics are read", runId)
                .isEqualTo(report.totals());
        return new Outcome(runId, report, grades, records);
    }

    /** The disturbed run graded every task as the undisturbed one did, so every cell has the same score. */
    static void assertSameScores(Outcome disturbed, Outcome reference) {
        assertThat(disturbed.grades()).as("verdict and score per task of %s against %s", disturbed.runId(),
                reference.runId()).isEqualTo(reference.grades());
        for (String benchmark : BENCHMARKS) {
            BenchmarkScore cell = Reports.cell(disturbed.report(), SharedStack.PACED_MODEL, benchmark).orElseThrow();
            BenchmarkScore expected = Reports.cell(reference.report(), SharedStack.PACED_MODEL, benchmark).orElseThrow();
            assertThat(List.of(cell.graded(), cell.counts().correct(), cell.accuracy(), cell.meanScore()))
                    .as("graded, correct, accuracy and mean score of %s in %s", benchmark, disturbed.runId())
                    .isEqualTo(List.of(expected.graded(), expected.counts().correct(), expected.accuracy(),
                            expected.meanScore()));
        }
    }

    /** One line for the test log: what the fault met and what the run ended in. */
    static String summary(String fault, MidRun midRun, Outcome outcome) {
        return String.format("Chaos, %s: %d of %d graded and %d served when it hit; ended with %d grades on the topic"
                        + " for %d tasks (%d graded again), report graded %d", fault, midRun.graded(), midRun.tasks(),
                midRun.served(), outcome.gradeRecords(), outcome.grades().size(), outcome.redone(),
                Reports.graded(outcome.report()));
    }

    private static String outcome(ConsumerRecord<String, byte[]> record) {
        return switch (GRADES.decode(record.value())) {
            case Decoded.Valid<Grade> valid -> valid.value().verdict() + " " + valid.value().marking().score();
            case Decoded.Invalid<Grade> invalid -> throw new AssertionError("an unreadable grade of " + record.key()
                    + " at offset " + record.offset() + ": " + invalid.reason());
        };
    }

    /** The gauges follow the tallies once per commit, a moment after the report: wait for them to agree. */
    private static void awaitGaugesAgree(LocalStack stack, StackClient client, String runId, RunReport report) {
        Map<String, Double> wanted = new TreeMap<>();
        for (BenchmarkScore cell : report.scores()) {
            String benchmark = cell.cell().benchmarkId();
            wanted.put("evalstream_graded_samples " + benchmark, (double) cell.graded());
            wanted.put("evalstream_expected_samples " + benchmark, (double) cell.grading().expected());
            wanted.put("evalstream_correct_samples " + benchmark, (double) cell.counts().correct());
        }
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(gauges(client.get(stack.aggregator("/q/metrics")).body(), runId, wanted.keySet()))
                        .as("the aggregator's gauges of %s", runId).isEqualTo(wanted));
    }

    /** The value of each wanted "name benchmark" series of {@code runId}. */
    private static Map<String, Double> gauges(String metrics, String runId, Set<String> wanted) {
        Map<String, Double> found = new TreeMap<>();
        for (String name : wanted.stream().map(key -> key.substring(0, key.indexOf(' '))).distinct().toList()) {
            series(metrics, name).forEach((labels, value) -> {
                if (runId.equals(labels.get("run"))) {
                    found.put(name + " " + labels.get("benchmark"), value);
                }
            });
        }
        return found;
    }

    /** Every sample of the metric {@code name} in a Prometheus text page, by its labels. */
    static Map<Map<String, String>, Double> series(String metrics, String name) {
        Map<Map<String, String>, Double> series = new HashMap<>();
        Matcher line = SERIES.matcher(metrics);
        while (line.find()) {
            if (line.group(1).equals(name)) {
                Map<String, String> labels = new HashMap<>();
                Matcher label = LABEL.matcher(line.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                series.put(labels, Double.parseDouble(line.group(3)));
            }
        }
        return series;
    }
}
