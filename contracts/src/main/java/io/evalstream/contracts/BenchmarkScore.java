package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregator's snapshot of one (run, model, benchmark) cell (metrics topic, key = {@link ScoreKey}).
 * Accuracy counts errors and unanswered samples as not correct; it and its Wilson interval are null
 * until the first grade arrives.
 *
 * @param expected        tasks the run published for this cell; 0 when the run manifest is not known (yet)
 * @param meanScore       mean of the grades' scores: equal to accuracy for all-or-nothing metrics, above it for
 *                        partial-credit ones (token F1); null until the first grade
 * @param meanScoreStdErr standard error of that mean (sample standard deviation / sqrt(graded)); null below 2 grades
 * @param progress        graded / expected in [0, 1], null when expected is unknown
 * @param judged          grades with verdict JUDGED (scored by a judge on a rubric)
 * @param judgeScores     per rubric dimension, the mean judge score (1-10) and its standard error; empty when
 *                        nothing was judged
 * @param errorKinds      ERROR grades by the kind of failure (timeout, rate_limited...); empty when none
 * @param errorReasons    for each kind in {@code errorKinds}, the reason one of those grades gives (its detail, at most
 *                        {@link #MAX_REASON} characters); a kind whose grades give none is left out; empty when none
 * @param latency         percentiles of the model-call latency of the graded tasks; null until one is graded
 * @param tokens          prompt and completion tokens summed over the latest grade of each task
 * @param firstGradedAt   when the cell's first grade was made; null until then
 * @param etaSeconds      estimated seconds until the cell is fully graded, at the pace since its first grade; 0 when
 *                        complete; null while it cannot be estimated (nothing graded, or nothing expected)
 * @param anytime95       the accuracy's anytime-valid 95% interval (a confidence sequence), for watching a run; null
 *                        when accuracy is, and left out of the JSON then
 * @param likelihood      for a benchmark scored by likelihood, acc_norm and the corpus bits per byte and perplexity;
 *                        null for any other
 * @param cost            what the cell's latest answers cost (priced and unpriced tasks); null, and left out of the
 *                        JSON, in snapshots made before prices existed
 * @param scorers         every scorer's result, the headline (whose figures are the ones above) first, for a benchmark
 *                        that declares several; null for one with only its default scorer
 */
public record BenchmarkScore(int schemaVersion, String runId, String modelId, String benchmarkId, Category category,
        long graded, long correct, long incorrect, long noAnswer, long errors, long expected, Double accuracy,
        Double ci95Low, Double ci95High, Double meanScore, Double meanScoreStdErr, Double progress, Instant updatedAt,
        long judged, List<DimensionScore> judgeScores, Map<ErrorKind, Long> errorKinds, LatencySummary latency,
        TokenUsage tokens, Instant firstGradedAt, Double etaSeconds, Map<ErrorKind, String> errorReasons,
        @JsonInclude(JsonInclude.Include.NON_NULL) AnytimeInterval anytime95, CorpusLikelihood likelihood,
        @JsonInclude(JsonInclude.Include.NON_NULL) Cost cost,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ScorerScore> scorers) {

    /** A sample reason says why in a line or two; a whole stack trace or program output is cut. */
    public static final int MAX_REASON = 300;

    public BenchmarkScore {
        Require.supportedVersion(schemaVersion);
        Require.id(runId, "runId");
        Require.id(modelId, "modelId");
        Require.id(benchmarkId, "benchmarkId");
        Require.atLeast(graded, 0, "graded");
        Require.present(updatedAt, "updatedAt");
        Require.atLeast(judged, 0, "judged");
        judgeScores = judgeScores == null ? List.of() : List.copyOf(judgeScores);
        errorKinds = errorKinds == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(errorKinds));
        tokens = tokens == null ? TokenUsage.NONE : tokens;
        errorReasons = errorReasons == null ? Map.of()
                : Collections.unmodifiableSortedMap(new TreeMap<>(errorReasons));
        scorers = scorers == null || scorers.isEmpty() ? null : List.copyOf(scorers);
    }

    /** A snapshot of a cell with only its default scorer, without its cost. */
    public BenchmarkScore(int schemaVersion, String runId, String modelId, String benchmarkId, Category category,
            long graded, long correct, long incorrect, long noAnswer, long errors, long expected, Double accuracy,
            Double ci95Low, Double ci95High, Double meanScore, Double meanScoreStdErr, Double progress,
            Instant updatedAt, long judged, List<DimensionScore> judgeScores, Map<ErrorKind, Long> errorKinds,
            LatencySummary latency, TokenUsage tokens, Instant firstGradedAt, Double etaSeconds,
            Map<ErrorKind, String> errorReasons, AnytimeInterval anytime95, CorpusLikelihood likelihood) {
        this(schemaVersion, runId, modelId, benchmarkId, category, graded, correct, incorrect, noAnswer, errors,
                expected, accuracy, ci95Low, ci95High, meanScore, meanScoreStdErr, progress, updatedAt, judged,
                judgeScores, errorKinds, latency, tokens, firstGradedAt, etaSeconds, errorReasons, anytime95,
                likelihood, null, null);
    }

    /** The named scorer's result; empty when the cell has no such scorer or only its default one. */
    public java.util.Optional<ScorerScore> scorer(String name) {
        return scorers == null ? java.util.Optional.empty()
                : scorers.stream().filter(each -> each.scorer().equals(name)).findFirst();
    }

    /** A snapshot without an anytime interval, of a cell not scored by likelihood. */
    public BenchmarkScore(int schemaVersion, String runId, String modelId, String benchmarkId, Category category,
            long graded, long correct, long incorrect, long noAnswer, long errors, long expected, Double accuracy,
            Double ci95Low, Double ci95High, Double meanScore, Double meanScoreStdErr, Double progress,
            Instant updatedAt, long judged, List<DimensionScore> judgeScores, Map<ErrorKind, Long> errorKinds,
            LatencySummary latency, TokenUsage tokens, Instant firstGradedAt, Double etaSeconds,
            Map<ErrorKind, String> errorReasons) {
        this(schemaVersion, runId, modelId, benchmarkId, category, graded, correct, incorrect, noAnswer, errors,
                expected, accuracy, ci95Low, ci95High, meanScore, meanScoreStdErr, progress, updatedAt, judged,
                judgeScores, errorKinds, latency, tokens, firstGradedAt, etaSeconds, errorReasons, null, null, null,
                null);
    }

    /** A snapshot of a cell nothing in which was judged. */
    public BenchmarkScore(int schemaVersion, String runId, String modelId, String benchmarkId, Category category,
            long graded, long correct, long incorrect, long noAnswer, long errors, long expected, Double accuracy,
            Double ci95Low, Double ci95High, Double meanScore, Double meanScoreStdErr, Double progress,
            Instant updatedAt) {
        this(schemaVersion, runId, modelId, benchmarkId, category, graded, correct, incorrect, noAnswer, errors,
                expected, accuracy, ci95Low, ci95High, meanScore, meanScoreStdErr, progress, updatedAt, 0, List.of(),
                null, null, null, null, null, null, null, null, null, null);
    }

    public ScoreKey key() {
        return new ScoreKey(runId, modelId, benchmarkId);
    }
}
