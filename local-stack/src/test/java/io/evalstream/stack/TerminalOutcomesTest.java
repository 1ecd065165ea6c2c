package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Topics;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every task ends in exactly one outcome its run counts, also when retrying cannot help: a model no worker serves, a
 * judge model no worker serves and code the grader's sandbox refuses to run each end as an ERROR of its own kind with
 * the reason, so the run completes with exact counts, and the report, the aggregator's gauges and {@code evalctl
 * watch} say how many of each kind and why. The grader here runs without a sandbox (its bubblewrap path leads
 * nowhere), which the shared stack's grader must have: so this test starts a small stack of its own.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@Tag("integration")
class TerminalOutcomesTest {

    /** A simulated model that always answers (no error, no blank answer), so every count below is exact. */
    private static final String ANSWERING = "sim-answers";
    private static final String UNSERVED = "sim-nobody-serves";
    private static final String UNSERVED_JUDGE = "judge-nobody-serves";
    private static final int GSM8K = 6;
    private static final int HUMANEVAL = 4;
    private static final int STORIES = 3;

    @TempDir
    static Path work;
    private static LocalStack stack;
    private static StackClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void startStack() throws Exception {
        Map<String, String> worker = Map.of(
                "evalstream.worker.models." + ANSWERING + ".backend", "sim",
                "evalstream.worker.models." + ANSWERING + ".sim.accuracy", "0.7",
                "evalstream.worker.models." + ANSWERING + ".sim.error-rate", "0",
                "evalstream.worker.models." + ANSWERING + ".sim.no-answer-rate", "0");
        stack = LocalStack.start(StackOptions.of(StackOptions.defaultHome(),
                work, null, worker)
                .withGraderProperties(Map.of("evalstream.grader.sandbox.bwrap", "/nonexistent/bwrap")));
        client = new StackClient(stack);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void unservedModelsUnservedJudgesAndAnUnavailableSandboxEndAsCountedErrorsOfTheirKind() throws Exception {
        String runId = "e2e-outcomes-" + System.currentTimeMillis();
        var accepted = client.submit("""
                {"runId": "%s", "models": ["%s", "%s"],
                 "benchmarks": [{"id": "gsm8k", "limit": %d}, {"id": "humaneval", "limit": %d},
                                {"id": "stories", "limit": %d, "judge": "%s"}]}"""
                .formatted(runId, ANSWERING, UNSERVED, GSM8K, HUMANEVAL, STORIES, UNSERVED_JUDGE));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        CommandLine.Result watched = EvalCtl.run(stack, dir, stack.token().value(), "watch", runId, "--interval",
                "300ms", "--timeout", "4m");
        RunReport report = client.awaitComplete(runId, Duration.ofMinutes(2), r -> { });

        int tasks = 2 * (GSM8K + HUMANEVAL + STORIES);
        assertThat(Reports.expected(report)).isEqualTo(tasks);
        assertThat(Reports.graded(report)).isEqualTo(tasks);
        assertThat(report.scores()).hasSize(6).allSatisfy(cell -> assertThat(cell.graded())
                .as("%s", cell).isEqualTo(cell.grading().expected()));
        assertErrors(report, ANSWERING, "gsm8k", Map.of());
        assertErrors(report, ANSWERING, "humaneval", Map.of(ErrorKind.UNGRADABLE, HUMANEVAL));
        assertErrors(report, ANSWERING, "stories", Map.of(ErrorKind.NO_WORKER_FOR_MODEL, STORIES));
        for (String benchmark : new String[] {"gsm8k", "humaneval", "stories"}) {
            int expected = benchmark.equals("gsm8k") ? GSM8K : benchmark.equals("humaneval") ? HUMANEVAL : STORIES;
            assertErrors(report, UNSERVED, benchmark, Map.of(ErrorKind.NO_WORKER_FOR_MODEL, expected));
        }
        assertThat(reason(report, ANSWERING, "humaneval", ErrorKind.UNGRADABLE))
                .startsWith("code sandbox unavailable:").contains("/nonexistent/bwrap");
        assertThat(reason(report, ANSWERING, "stories", ErrorKind.NO_WORKER_FOR_MODEL))
                .startsWith("judge " + UNSERVED_JUDGE + " failed: model '" + UNSERVED_JUDGE + "' is not configured");
        assertThat(reason(report, UNSERVED, "gsm8k", ErrorKind.NO_WORKER_FOR_MODEL))
                .startsWith("model '" + UNSERVED + "' is not configured on this worker");

        assertThat(TopicReader.readAll(stack.bootstrapServers(), Topics.DLQ)).as("dead letters of %s", runId)
                .noneMatch(record -> record.key() != null && record.key().startsWith(runId + "/"));
        assertGauges(runId);
        assertThat(watched.exitCode()).as(watched.describe()).isZero();
        assertThat(watched.output()).contains("Progress: " + tasks + " of " + tasks + " graded")
                .contains("humaneval " + ANSWERING + ": " + HUMANEVAL + " UNGRADABLE — code sandbox unavailable:")
                .contains("stories " + ANSWERING + ": " + STORIES + " NO_WORKER_FOR_MODEL — judge " + UNSERVED_JUDGE)
                .contains("gsm8k " + UNSERVED + ": " + GSM8K + " NO_WORKER_FOR_MODEL — model '" + UNSERVED + "'");
    }

    /** A cell's errors by kind are exactly {@code kinds}, they add up to its errors, and each kind has a reason. */
    private static void assertErrors(RunReport report, String model, String benchmark, Map<ErrorKind, Integer> kinds) {
        BenchmarkScore cell = Reports.cell(report, model, benchmark).orElseThrow();
        Map<ErrorKind, Long> expected = new TreeMap<>();
        kinds.forEach((kind, count) -> expected.put(kind, (long) count));
        Map<ErrorKind, Long> actual = cell.calls().errorKinds();
        assertThat(actual).as("errors by kind of %s on %s", model, benchmark).isEqualTo(expected);
        assertThat(cell.counts().errors()).as("errors of %s on %s", model, benchmark)
                .isEqualTo(kinds.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(cell.calls().errorReasons().size()).as("reasons of %s on %s", model, benchmark)
                .isEqualTo(kinds.size());
    }

    private static String reason(RunReport report, String model, String benchmark, ErrorKind kind) {
        return Reports.cell(report, model, benchmark).orElseThrow().calls().errorReasons().get(kind);
    }

    /** The aggregator's gauge per kind says what the report says; the services count what they made terminal. */
    private void assertGauges(String runId) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<Map<String, String>, Double> kinds = ExactCounts.series(
                    client.get(stack.aggregator("/q/metrics")).body(), "evalstream_error_kind_samples");
            assertThat(kinds).containsEntry(Map.of("run", runId, "model", ANSWERING, "benchmark", "humaneval", "kind",
                    "ungradable"), (double) HUMANEVAL);
            assertThat(kinds).containsEntry(Map.of("run", runId, "model", ANSWERING, "benchmark", "stories", "kind",
                    "no_worker_for_model"), (double) STORIES);
            assertThat(kinds).containsEntry(Map.of("run", runId, "model", UNSERVED, "benchmark", "gsm8k", "kind",
                    "no_worker_for_model"), (double) GSM8K);
        });
        // At least: a record delivered again after a rebalance is served again (and counted once by the aggregator).
        String worker = client.get(stack.liveWorkers().getFirst().uri("/q/metrics")).body();
        assertThat(ExactCounts.series(worker, "evalstream_terminal_errors_total")
                .get(Map.of("kind", "no_worker_for_model"))).as("the unserved model's tasks and the judge tasks")
                .isGreaterThanOrEqualTo(GSM8K + HUMANEVAL + STORIES + STORIES);
        String grader = client.get(stack.service("grader-service").uri("/q/metrics")).body();
        assertThat(ExactCounts.series(grader, "evalstream_terminal_errors_total").get(Map.of("kind", "ungradable")))
                .isGreaterThanOrEqualTo(HUMANEVAL);
    }
}
