package io.evalstream.evalctl.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Renders the producer's projection of a run: per model its tasks, calls, tokens and projected cost. */
public final class Projections {

    private static final String ROW = "  %-24s %8s %8s %14s %14s %12s %12s%n";

    private Projections() {
    }

    public static String table(JsonNode answer) {
        JsonNode projection = answer.path("projection");
        if (!projection.path("models").isArray() || projection.path("models").isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Projected %s (tokens at %s):%n",
                answer.path("published").asBoolean(true) ? "cost" : "cost; nothing was published",
                projection.path("estimator").asText()));
        out.append(String.format(Locale.ROOT, ROW, "model", "tasks", "calls", "prompt tokens", "output typ/max",
                "typical", "at most"));
        for (JsonNode model : projection.path("models")) {
            out.append(String.format(Locale.ROOT, ROW, model.path("modelId").asText(), model.path("tasks").asLong(),
                    model.path("calls").asLong(), model.path("promptTokens").asLong(),
                    model.path("typicalOutput").asLong() + "/" + model.path("maxOutput").asLong(),
                    usd(model.path("typicalUsd")), usd(model.path("ceilingUsd"))));
        }
        if (!projection.path("priced").asBoolean()) {
            out.append("  No price file on the producer (evalstream.producer.price-file): costs unknown.\n");
        }
        return out.toString();
    }

    private static String usd(JsonNode usd) {
        return usd.isNumber() ? String.format(Locale.ROOT, "$%.4f", usd.asDouble()) : "unknown";
    }
}
