package io.evalstream.evalctl.render;

import io.evalstream.contracts.RegradeReport;
import java.util.Locale;

/** The grader's regrade answer as a few lines: what was graded again, what changed per scorer, what was lost. */
public final class Regrades {

    private Regrades() {
    }

    public static String summary(RegradeReport report) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Run %s: %d of %d completions graded again by the current definitions; no model was asked.%n",
                report.runId(), report.regraded(), report.read()));
        report.skipped().forEach((reason, count) -> out.append(String.format(Locale.ROOT,
                "  left as graded: %d %s%n", count, reason)));
        if (!report.changes().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%-20s %-14s %-12s %7s %6s %6s%n", "Model", "Benchmark", "Scorer",
                    "Graded", "Flips", "New"));
        }
        for (RegradeReport.ScorerChange change : report.changes()) {
            out.append(String.format(Locale.ROOT, "%-20s %-14s %-12s %7d %6d %6d%n", change.modelId(),
                    change.benchmarkId(), change.scorer(), change.graded(), change.flips(), change.added()));
            change.samples().forEach(sample -> out.append("    e.g. ").append(sample).append('\n'));
        }
        for (RegradeReport.PastRetention lost : report.pastRetention()) {
            out.append(String.format(Locale.ROOT, "Past retention, not regraded: %s %s, %d tasks (e.g. %s)%n",
                    lost.modelId(), lost.benchmarkId(), lost.tasks(), lost.samples().isEmpty() ? ""
                            : lost.samples().getFirst()));
        }
        return out.toString();
    }
}
