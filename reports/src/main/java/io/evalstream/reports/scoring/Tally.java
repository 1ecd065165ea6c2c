package io.evalstream.reports.scoring;

import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.CorpusLikelihood;
import io.evalstream.contracts.Cost;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.ScorerScore;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.VerdictCounts;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Verdict counts, score sums, judge score moments, error kinds, latencies and tokens over the latest grade of every
 * task of one cell (run, model, benchmark), or of several cells added up ({@link #plus}). Immutable: {@link #add} and
 * {@link #subtract} return new tallies, so a task whose grade is replaced moves from its old verdict, score, judge
 * scores, error kind, latency and tokens to its new ones and a re-delivered grade never counts twice. It is the
 * aggregator's store state: its JSON is one flat object (the values unwrapped), and parts missing from older state
 * read as "none counted".
 *
 * @param graded every grade counted: the verdict counts plus the MEASURED ones ({@link LikelihoodSums#measured()})
 * @param labels the category and settings hash the grades share
 * @param span   earliest and latest grade time ever added
 * @param calls  errors by kind, latencies, tokens and cost of the grades' model calls
 * @param detail judge scores, likelihood sums and per-scorer counts
 */
public record Tally(long graded, VerdictCounts counts, ScoreSums sums, CellLabels labels, GradingSpan span,
        CallSums calls, DetailSums detail) {

    public static final Tally EMPTY = new Tally(0, VerdictCounts.NONE, ScoreSums.ZERO, CellLabels.NONE,
            GradingSpan.NONE, CallSums.NONE, DetailSums.NONE);

    public Tally {
        counts = counts == null ? VerdictCounts.NONE : counts;
        sums = sums == null ? ScoreSums.ZERO : sums;
        labels = labels == null ? CellLabels.NONE : labels;
        span = span == null ? GradingSpan.NONE : span;
        calls = calls == null ? CallSums.NONE : calls;
        detail = detail == null ? DetailSums.NONE : detail;
        long measured = detail.likelihood().measured();
        if (graded != counts.correct() + counts.incorrect() + counts.noAnswer() + counts.errors() + counts.judged()
                + measured) {
            throw new IllegalArgumentException("verdict counts must sum to graded: graded=" + graded + " " + counts
                    + " measured=" + measured);
        }
    }

    /** A tally of verdict counts and score sums alone: nothing judged, measured or costed, no call facts. */
    public static Tally ofCounts(VerdictCounts counts, ScoreSums sums, CellLabels labels) {
        return new Tally(counts.correct() + counts.incorrect() + counts.noAnswer() + counts.errors() + counts.judged(),
                counts, sums, labels, GradingSpan.NONE, CallSums.NONE, DetailSums.NONE);
    }

    public Tally add(GradedSample sample) {
        return change(sample, 1, sample.setup());
    }

    /**
     * Takes back a sample added before.
     *
     * @throws IllegalStateException when no sample with that verdict was counted, which would be a bug in
     *                               the caller: Kafka Streams only subtracts what it added
     */
    public Tally subtract(GradedSample sample) {
        if (count(sample.verdict()) == 0) {
            throw new IllegalStateException("cannot subtract a " + sample.verdict() + " grade from " + sample.cell()
                    + ": none is counted (" + this + "); the latest-grade table and the tally disagree");
        }
        if (graded == 1) {
            // An emptied cell starts again from exact zeros instead of carrying the rounding of its subtractions.
            return new Tally(0, VerdictCounts.NONE, ScoreSums.ZERO, labels, span, CallSums.NONE, DetailSums.NONE);
        }
        return change(sample, -1, labels);
    }

    /** The sum of two tallies, e.g. every cell of one category of a model. */
    public Tally plus(Tally other) {
        return new Tally(graded + other.graded, counts.plus(other.counts), sums.plus(other.sums),
                labels.plus(other.labels, graded, other.graded), span.plus(other.span), calls.plus(other.calls),
                detail.plus(other.detail));
    }

    /** Every scorer's score, the headline first; empty for a cell with only its default scorer. */
    public List<ScorerScore> scorerScores() {
        return detail.scorers().entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, ScorerTally> entry) -> entry.getValue().position())
                        .thenComparing(Map.Entry::getKey))
                .map(entry -> entry.getValue().score(entry.getKey())).toList();
    }

    /** The sample's rubric dimensions {@link #add} leaves out because this cell already counts the most it may. */
    public List<String> ignoredDimensions(GradedSample sample) {
        if (dimensions().size() < GradedSample.MAX_DIMENSIONS) {
            return List.of();
        }
        return sample.detail().judgeScoresOrEmpty().keySet().stream()
                .filter(dimension -> !dimensions().containsKey(dimension)).toList();
    }

    public long count(Verdict verdict) {
        return switch (verdict) {
            case CORRECT -> counts.correct();
            case INCORRECT -> counts.incorrect();
            case NO_ANSWER -> counts.noAnswer();
            case ERROR -> counts.errors();
            case JUDGED -> counts.judged();
            case MEASURED -> detail.likelihood().measured();
        };
    }

    /**
     * The grades accuracy is taken over: all but the judged ones, which are neither right nor wrong, and the errors
     * that say nothing about the model ({@link #unscored()}). None when nothing but errors stands beside judged
     * grades: a judged benchmark, whose accuracy would mean nothing.
     */
    public long accuracyTrials() {
        long answered = counts.correct() + counts.incorrect() + counts.noAnswer();
        return counts.judged() + detail.likelihood().measured() > 0 && answered == 0 ? 0
                : answered + counts.errors() - unscored();
    }

    /** acc_norm and the corpus bits per byte and perplexity; null for a cell not scored by likelihood. */
    public CorpusLikelihood likelihoodFigures() {
        return detail.likelihood().figures(accuracyTrials(), detail.byChoice() > 0);
    }

    /**
     * ERROR grades that say nothing about the model (stopped early or over budget, no worker, no sandbox or judge, a
     * backend that cannot score; {@link ErrorKind#countsAgainstTheModel()}): counted, never scored.
     */
    public long unscored() {
        return errorKinds().entrySet().stream().filter(kind -> !kind.getKey().countsAgainstTheModel())
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Mean score in [0, 1] over the grades but the {@link #unscored()} ones; absent while there are none. */
    public OptionalDouble meanScore() {
        return Means.mean(graded - unscored(), sums.scoreSum());
    }

    /** Standard error of the mean score; absent below 2 grades (not counting the {@link #unscored()} ones). */
    public OptionalDouble meanScoreStdErr() {
        return Means.standardError(graded - unscored(), sums.scoreSum(), sums.scoreSquareSum());
    }

    /**
     * Accuracy over {@link #accuracyTrials()} with its Wilson interval, and the mean score with its standard error
     * over the grades but the {@link #unscored()} ones.
     */
    public ScoreEstimates estimates() {
        return new ScoreEstimates(Proportions.estimate(counts.correct(), accuracyTrials()),
                Means.estimate(graded - unscored(), sums.scoreSum(), sums.scoreSquareSum()));
    }

    /** Latency percentiles, tokens, cost and errors by kind with a sample reason per kind. */
    public CallStats callStats() {
        return calls.stats();
    }

    /** Mean and standard error of every rubric dimension with at least one score, by dimension. */
    public List<DimensionScore> judgeScores() {
        return dimensions().entrySet().stream().map(entry -> entry.getValue().score(entry.getKey()))
                .filter(Objects::nonNull).toList();
    }

    /** ERROR grades by kind with a sample reason per kind. */
    public ErrorCounts errorCounts() {
        return calls.errorCounts();
    }

    /** What the latest answers cost, with the tasks whose cost is unknown. */
    public Cost costFigure() {
        return calls.cost().figure();
    }

    public TokenUsage tokens() {
        return calls.tokens();
    }

    public long correct() {
        return counts.correct();
    }

    public long errors() {
        return counts.errors();
    }

    public long judged() {
        return counts.judged();
    }

    public Category category() {
        return labels.category();
    }

    public String settingsHash() {
        return labels.settingsHash();
    }

    /** Judge score moments per rubric dimension, by name. */
    public Map<String, Moments> dimensions() {
        return detail.dimensions();
    }

    /** ERROR grades by kind; a kind at 0 is left out. */
    public Map<ErrorKind, Long> errorKinds() {
        return calls.errorCounts().counts();
    }

    public LatencyHistogram latency() {
        return calls.latency();
    }

    private Tally change(GradedSample sample, int delta, CellLabels newLabels) {
        return new Tally(graded + delta, moved(counts, sample.verdict(), delta), sums.move(sample.score(), delta),
                newLabels, delta > 0 ? span.including(sample.origin().gradedAtMillis()) : span,
                calls.move(sample.call(), delta), detail.move(sample, delta));
    }

    private static VerdictCounts moved(VerdictCounts counts, Verdict verdict, int delta) {
        return switch (verdict) {
            case CORRECT -> new VerdictCounts(counts.correct() + delta, counts.incorrect(), counts.noAnswer(),
                    counts.errors(), counts.judged());
            case INCORRECT -> new VerdictCounts(counts.correct(), counts.incorrect() + delta, counts.noAnswer(),
                    counts.errors(), counts.judged());
            case NO_ANSWER -> new VerdictCounts(counts.correct(), counts.incorrect(), counts.noAnswer() + delta,
                    counts.errors(), counts.judged());
            case ERROR -> new VerdictCounts(counts.correct(), counts.incorrect(), counts.noAnswer(),
                    counts.errors() + delta, counts.judged());
            case JUDGED -> new VerdictCounts(counts.correct(), counts.incorrect(), counts.noAnswer(),
                    counts.errors(), counts.judged() + delta);
            case MEASURED -> counts;
        };
    }
}
