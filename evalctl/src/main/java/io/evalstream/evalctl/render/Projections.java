package io.evalstream.evalctl.render;

import io.evalstream.contracts.ModelProjection;
import io.evalstream.contracts.Projection;
import io.evalstream.contracts.RunAccepted;
import io.evalstream.reports.render.Figures;
import java.util.Locale;

/** Renders the producer's projection of a run: per model its tasks, calls, tokens and projected cost. */
public final class Projections {

    private static final String ROW = "  %-24s %8s %8s %14s %14s %12s %12s%n";

    private Projections() {
    }

    public static String table(RunAccepted answer) {
        Projection projection = answer.projection();
        if (projection == null || projection.models().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Projected %s (tokens at %s):%n",
                answer.published() ? "cost" : "cost; nothing was published", projection.estimator()));
        out.append(String.format(Locale.ROOT, ROW, "model", "tasks", "calls", "prompt tokens", "output typ/max",
                "typical", "at most"));
        for (ModelProjection model : projection.models()) {
            out.append(String.format(Locale.ROOT, ROW, model.modelId(), model.tasks(), model.calls(),
                    model.promptTokens(), model.typicalOutput() + "/" + model.maxOutput(), usd(model.typicalUsd()),
                    usd(model.ceilingUsd())));
        }
        if (!projection.priced()) {
            out.append("  No price file on the producer (evalstream.producer.price-file): costs unknown.\n");
        }
        return out.toString();
    }

    private static String usd(Double usd) {
        return usd == null ? "unknown" : Figures.usd(usd);
    }
}
