package io.evalstream.stack;

import io.evalstream.contracts.RunAccepted;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.evalctl.render.Reports;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo's story run: the demo's models (simulated, real, or the user's own) continue the same story beginnings
 * side by side, and the grader's automatic judge scores every continuation on the TinyStories rubric.
 */
record StoryRun(StackClient client, PrintStream out) {

    static final String BENCHMARK = "stories";
    /** The TinyStories rubric's dimensions, in the order the rubric lists them. */
    static final List<String> DIMENSIONS = List.of("grammar", "creativity", "consistency");

    /** Real models load and the judge warms up (LanguageTool, an embedding model) before the first grade. */
    private static final Duration STALL = Duration.ofMinutes(3);

    /** @return the demo's exit code: 0 when the run completed or the benchmark is not there to run */
    int run(String runId, DemoModels demoModels, Integer limit) throws IOException {
        if (!client.benchmarkIds().contains(BENCHMARK)) {
            out.println("Story run skipped: the prompt-producer does not offer the '" + BENCHMARK + "' benchmark"
                    + " (it is not in its GET /benchmarks list), so no model"
                    + (demoModels.allSimulated() ? "" : ", real or simulated,") + " continues a story in this demo.");
            return 0;
        }
        List<String> models = demoModels.ids();
        RunSpec spec = new RunSpec(runId, models,
                List.of(new BenchmarkSelection(BENCHMARK, limit, List.of(), SettingsOverrides.NONE, Judging.AUTO)),
                SettingsOverrides.NONE, 1);
        Optional<RunAccepted> accepted = DemoRuns.submit(client, spec, "the story run");
        if (accepted.isEmpty()) {
            return 1;
        }
        out.printf("Story run %s submitted: %d tasks. %s the same story beginnings; the grader's automatic"
                + " judge scores each continuation 1-10 for %s (grammar errors per 100 words from LanguageTool,"
                + " embedding similarity to the beginning, lexical novelty and diversity).%n%n", runId,
                accepted.get().tasks(), String.join(", ", models)
                        + (models.size() == 1 ? " continues" : " continue"),
                String.join(", ", DIMENSIONS));
        Optional<RunReport> last = DemoRuns.watch(client, runId, STALL, out);
        if (last.isEmpty()) {
            System.err.println("The aggregator never reported the story run " + runId + "; see logs/aggregator.log.");
            return 1;
        }
        RunReport report = last.get();
        boolean complete = Reports.isComplete(report);
        if (!complete) {
            System.err.printf("The story run stalled: %d of %d continuations graded and none for %d minutes"
                    + " (see logs/grader-service.log and logs/model-worker*.log). What was graded:%n",
                    Reports.graded(report), Reports.expected(report), STALL.toMinutes());
        }
        out.println("Story continuations of run " + runId + ", judged (" + demoModels.legend() + "):");
        out.print(Reports.judgedTable(report, BENCHMARK, DIMENSIONS, demoModels::label));
        return complete ? 0 : 1;
    }
}
