package io.evalstream.evalctl.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The grader's regrade answer as a few lines: what was graded again, what changed per scorer, what was lost. */
public final class Regrades {

    private Regrades() {
    }

    public static String summary(JsonNode report) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Run %s: %d of %d completions graded again by the current definitions; no model was asked.%n",
                report.path("runId").asText(), report.path("regraded").asLong(), report.path("read").asLong()));
        report.path("skipped").properties().forEach(reason -> out.append(String.format(Locale.ROOT,
                "  left as graded: %d %s%n", reason.getValue().asLong(), reason.getKey())));
        if (!report.path("changes").isEmpty()) {
            out.append(String.format(Locale.ROOT, "%-20s %-14s %-12s %7s %6s %6s%n", "Model", "Benchmark", "Scorer",
                    "Graded", "Flips", "New"));
        }
        for (JsonNode change : report.path("changes")) {
            out.append(String.format(Locale.ROOT, "%-20s %-14s %-12s %7d %6d %6d%n", change.path("modelId").asText(),
                    change.path("benchmarkId").asText(), change.path("scorer").asText(), change.path("graded").asLong(),
                    change.path("flips").asLong(), change.path("added").asLong()));
            change.path("samples").forEach(sample -> out.append("    e.g. ").append(sample.asText()).append('\n'));
        }
        for (JsonNode lost : report.path("pastRetention")) {
            out.append(String.format(Locale.ROOT, "Past retention, not regraded: %s %s, %d tasks (e.g. %s)%n",
                    lost.path("modelId").asText(), lost.path("benchmarkId").asText(), lost.path("tasks").asLong(),
                    lost.path("samples").path(0).asText()));
        }
        return out.toString();
    }
}
