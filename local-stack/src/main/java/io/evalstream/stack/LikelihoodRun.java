package io.evalstream.stack;

import io.evalstream.reports.analysis.PowerLawFit.PowerLaw;
import io.evalstream.reports.analysis.ScalingReport.ScalingPrediction;
import io.evalstream.reports.analysis.ScalingReport.ScalingFit;
import io.evalstream.contracts.RunAccepted;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.CorpusLikelihood;
import io.evalstream.reports.render.Figures;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.ModelInfo;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.evalctl.render.Reports;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's likelihood run: every model scores the built-in held-out stories (bits per byte, per-token perplexity)
 * and picks story endings by likelihood (acc, acc_norm); then the aggregator fits a power law of bits per byte
 * against parameters over the smaller real models and predicts the largest, which the run measured too.
 */
record LikelihoodRun(StackClient client, PrintStream out) {

    static final String TEXT = "story-text";
    static final String ENDINGS = "story-endings";
    /**
     * Texts and endings each model scores unless --limit says otherwise: few, because the real models score them one
     * after another in the one worker (40 of each took the demo six minutes); enough bytes for bits per byte.
     */
    static final int ITEMS = 12;
    private static final String FAMILY = "demo-gguf";
    private static final Duration STALL = Duration.ofMinutes(3);

    /** @return the demo's exit code: 0 when the run completed or its benchmarks are not there to run */
    int run(String runId, DemoModels demoModels, RealModels real, int limit) throws IOException {
        if (!client.benchmarkIds().containsAll(List.of(TEXT, ENDINGS))) {
            out.println("Likelihood run skipped: the prompt-producer does not offer '" + TEXT + "' and '" + ENDINGS
                    + "'.");
            return 0;
        }
        Map<String, GgufParameters> sizes = sizes(real);
        List<String> scalable = sizes.entrySet().stream().filter(e -> e.getValue().fullPrecision())
                .sorted(Comparator.comparingLong(e -> e.getValue().parameters())).map(Map.Entry::getKey).toList();
        String largest = scalable.size() >= 3 ? scalable.getLast() : null;
        Map<String, ModelInfo> family = new LinkedHashMap<>();
        if (largest != null) {
            scalable.subList(0, scalable.size() - 1).forEach(id -> family.put(id,
                    new ModelInfo(FAMILY, (double) sizes.get(id).parameters(), null)));
        }
        RunSpec spec = new RunSpec(runId, demoModels.ids(), List.of(new BenchmarkSelection(TEXT, limit),
                new BenchmarkSelection(ENDINGS, limit)), SettingsOverrides.NONE, 1).withModelInfo(family);
        Optional<RunAccepted> accepted = DemoRuns.submit(client, spec, "the likelihood run");
        if (accepted.isEmpty()) {
            return 1;
        }
        out.printf("Likelihood run %s submitted: %d tasks. Every model scores %d held-out stories as whole texts"
                + " (%s) and picks the ending that fits %d stories by log-probability (%s); nothing is generated.%n",
                runId, accepted.get().tasks(), limit, TEXT, limit, ENDINGS);
        Optional<RunReport> last = DemoRuns.watch(client, runId, STALL, out);
        if (last.isEmpty() || !Reports.isComplete(last.get())) {
            System.err.println("The likelihood run " + runId + " did not complete; see logs/model-worker*.log.");
            return 1;
        }
        printTable(last.get(), demoModels, sizes);
        if (largest == null) {
            out.println("No scaling fit: it needs three or more real models at full precision, not quantised copies"
                    + " (the smaller ones to fit, the largest to predict); " + scalable + " are.");
            return 0;
        }
        printFit(runId, last.get(), largest, sizes.get(largest).parameters());
        return 0;
    }

    private void printTable(RunReport report, DemoModels models, Map<String, GgufParameters> sizes) {
        out.println("Bits per byte are summed over the corpus (all log-probabilities over all UTF-8 bytes). Unlike"
                + " per-token perplexity they do not depend on the tokenizer, so models with different vocabularies"
                + " compare on one scale:");
        out.printf(Locale.ROOT, "  %-24s %-10s %10s %10s %11s %8s %8s %9s %7s%n", "model", "", "parameters",
                "bits/byte", "ppl/token", "tokens", "acc", "acc_norm", "errors");
        for (String model : models.ids()) {
            Optional<BenchmarkScore> text = Reports.cell(report, model, TEXT);
            Optional<BenchmarkScore> endings = Reports.cell(report, model, ENDINGS);
            Optional<CorpusLikelihood> corpus = text.map(score -> score.detail().likelihood());
            GgufParameters size = sizes.get(model);
            long tokens = corpus.map(CorpusLikelihood::tokens).orElse(0L);
            out.printf(Locale.ROOT, "  %-24s %-10s %10s %10s %11s %8s %8s %9s %7d%n", model, models.label(model),
                    size == null ? Figures.NONE : String.format(Locale.ROOT, "%,d", size.parameters()),
                    Figures.decimal(corpus.map(CorpusLikelihood::bitsPerByte).orElse(null), 4),
                    Figures.decimal(corpus.map(CorpusLikelihood::tokenPerplexity).orElse(null), 3),
                    tokens == 0 ? Figures.NONE : Long.toString(tokens),
                    Figures.decimal(endings.map(score -> score.accuracy().value()).orElse(null), 3),
                    Figures.decimal(endings.map(score -> score.detail().likelihood()).map(CorpusLikelihood::accNorm)
                            .orElse(null), 3),
                    errors(text) + errors(endings));
        }
        out.println();
    }

    private void printFit(String runId, RunReport report, String largest, long parameters) {
        ScalingFit fit = client.scaling(runId, FAMILY, "parameters", parameters).stream()
                .flatMap(scaling -> scaling.benchmarks().stream())
                .filter(benchmark -> TEXT.equals(benchmark.benchmarkId())).reduce((first, last) -> last).orElse(null);
        if (fit == null || fit.lossFit() == null || fit.prediction() == null) {
            out.println("No scaling fit from the aggregator" + (fit == null ? "" : ": " + fit.note()));
            return;
        }
        PowerLaw law = fit.lossFit();
        ScalingPrediction prediction = fit.prediction();
        Double measured = Reports.cell(report, largest, TEXT).map(score -> score.detail().likelihood())
                .map(CorpusLikelihood::bitsPerByte).orElse(null);
        double predicted = prediction.loss();
        List<String> points = fit.points().stream().map(point -> String.format(Locale.ROOT, "%s (%,d, %.4f)",
                point.modelId(), (long) point.x(), point.loss())).toList();
        out.printf(Locale.ROOT, "Predictable scaling (GPT-4 report, sec. 3): bits per byte = a * parameters^b fitted"
                + " on %s: a = %.4g, b = %.4f.%n", String.join(", ", points), law.a(), law.b());
        String interval = prediction.lossLow() != null ? String.format(Locale.ROOT,
                ", 95%% prediction interval %.4f to %.4f", prediction.lossLow(), prediction.lossHigh())
                : " (no prediction interval: a fit through " + points.size()
                        + " points has no residual degrees of freedom)";
        out.printf(Locale.ROOT, "  %s at %,d parameters: predicted %.4f bits per byte%s; %s.%n", largest,
                parameters, predicted, interval, measured != null ? String.format(Locale.ROOT,
                        "measured %.4f; error %+.4f (%+.1f%%)", measured, predicted - measured,
                        100 * (predicted - measured) / measured)
                        : "not measured (its texts ended as errors, listed above)");
        out.println("  (The tiny models differ in tokenizer, depth and training, so they are a loose family; the"
                + " same fit runs for any family a run spec declares in modelInfo: GET /runs/{id}/scaling.)");
    }

    private static long errors(Optional<BenchmarkScore> cell) {
        return cell.map(score -> score.counts().errors()).orElse(0L);
    }

    private static Map<String, GgufParameters> sizes(RealModels real) {
        Map<String, GgufParameters> sizes = new LinkedHashMap<>();
        for (RealModels.RealModel model : real.models()) {
            try {
                sizes.put(model.id(), GgufParameters.read(model.file()));
            } catch (IOException | RuntimeException e) {
                // A file the workers cannot read either: its tasks end as errors, listed in the table.
            }
        }
        return sizes;
    }
}
