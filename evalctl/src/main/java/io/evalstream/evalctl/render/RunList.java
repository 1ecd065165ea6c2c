package io.evalstream.evalctl.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Renders the aggregator's run list ({@code GET /runs}): one line per run. */
public final class RunList {

    private static final String ROW = "%-32s %-16s %-20s %17s %6s %8s %8s %12s%n";

    private RunList() {
    }

    public static String table(JsonNode runs) {
        if (runs.isEmpty()) {
            return "No runs yet.\n";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, ROW, "run", "status", "submitted",
                "graded/expected", "done", "errors", "eta", "cost"));
        for (JsonNode run : runs) {
            JsonNode totals = run.path("totals");
            JsonNode progress = totals.path("progress");
            JsonNode eta = totals.path("etaSeconds");
            out.append(String.format(Locale.ROOT, ROW, run.path("runId").asText(), run.path("status").asText(),
                    run.path("submittedAt").isTextual() ? run.path("submittedAt").asText().replaceAll("\\.\\d+Z$",
                            "Z") : "-",
                    totals.path("graded").asLong() + "/" + totals.path("expected").asLong(),
                    progress.isNumber() ? String.format(Locale.ROOT, "%.0f%%", 100 * progress.asDouble()) : "-",
                    totals.path("errors").asLong(),
                    eta.isNumber() && eta.asDouble() > 0 ? String.format(Locale.ROOT, "%.0fs", Math.ceil(eta.asDouble()))
                            : "-", Reports.usd(totals.path("cost").path("total"))));
        }
        return out.toString();
    }
}
