package io.evalstream.evalctl.render;

import io.evalstream.contracts.Progress;
import io.evalstream.reports.render.Figures;
import io.evalstream.reports.scoring.RunSummary;
import java.util.List;
import java.util.Locale;

/** Renders the aggregator's run list ({@code GET /runs}): one line per run. */
public final class RunList {

    private static final String ROW = "%-32s %-16s %-20s %17s %6s %8s %8s %12s%n";

    private RunList() {
    }

    public static String table(List<RunSummary> runs) {
        if (runs.isEmpty()) {
            return "No runs yet.\n";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, ROW, "run", "status", "submitted",
                "graded/expected", "done", "errors", "eta", "cost"));
        for (RunSummary run : runs) {
            Progress grading = run.totals().grading();
            Double eta = grading.etaSeconds();
            out.append(String.format(Locale.ROOT, ROW, run.runId(), run.status(),
                    run.submittedAt() == null ? Figures.NONE : run.submittedAt().toString()
                            .replaceAll("\\.\\d+Z$", "Z"),
                    grading.graded() + "/" + grading.expected(),
                    grading.fraction() == null ? Figures.NONE
                            : String.format(Locale.ROOT, "%.0f%%", 100 * grading.fraction()),
                    run.totals().counts().errors(),
                    eta != null && eta > 0 ? String.format(Locale.ROOT, "%.0fs", Math.ceil(eta)) : Figures.NONE,
                    Reports.usd(run.totals().cost().total())));
        }
        return out.toString();
    }
}
