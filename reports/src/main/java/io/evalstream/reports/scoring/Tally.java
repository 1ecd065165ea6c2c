package io.evalstream.reports.scoring;

import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.CorpusLikelihood;
import io.evalstream.contracts.Cost;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.ScorerScore;
import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.VerdictCounts;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Verdict counts, score sums, judge score moments, error kinds, latencies and tokens over the latest grade of every
 * task of one cell (run, model, benchmark), or of several cells added up ({@link #plus}). Immutable: {@link #add} and
 * {@link #subtract} return new tallies, so a task whose grade is replaced moves from its old verdict, score, judge
 * scores, error kind, latency and tokens to its new ones and a re-delivered grade never counts twice. The fields
 * added after the first release are boxed so that older state reads as "none counted", never null.
 *
 * @param scoreSum       sum of the grades' scores in [0, 1]
 * @param scoreSquareSum sum of their squares, for the standard error of the mean score
 * @param category       category of the most recently added grade; null while nothing was added, or for a sum of
 *                       cells of different categories
 * @param settingsHash   settings hash of the most recently added grade; null while nothing was added, or for a sum
 *                       of cells with different hashes
 * @param judged         grades with verdict JUDGED
 * @param dimensions     judge score moments per rubric dimension, at most {@link GradedSample#MAX_DIMENSIONS}.
 *                       A dimension stays (at n = 0) until the cell empties, so a score left out because the cell
 *                       was full is also left out when its grade is subtracted.
 * @param errorKinds     ERROR grades by kind (grades that name their kind)
 * @param errorReasons   a sample reason per kind of {@code errorKinds} (see {@link ErrorCounts}); kept beside the
 *                       counts rather than with them so older state still reads
 * @param latency        model-call latencies of the grades that report one
 * @param firstGradedAt  earliest grade time ever added (epoch ms); kept when that grade is replaced, so the pace
 *                       stays measured from the cell's first grade; null while nothing was added
 * @param lastGradedAt   latest grade time ever added (epoch ms)
 * @param likelihood     MEASURED count, acc_norm count and the corpus sums of grades scored by likelihood; EMPTY
 *                       for other cells (and older state)
 * @param byChoice       grades of multiple choice by likelihood (CORRECT or INCORRECT with an acc_norm verdict)
 * @param cost           what the latest answers cost; EMPTY in older state
 * @param scorers        per scorer of a benchmark that declares several, its counts (the headline's too); empty
 *                       otherwise and in older state. The evaluation's own errors are left out, as they are of accuracy.
 */
public record Tally(long graded, long correct, long incorrect, long noAnswer, long errors, double scoreSum,
        double scoreSquareSum, Category category, String settingsHash, Long judged, Map<String, Moments> dimensions,
        Map<ErrorKind, Long> errorKinds, LatencyHistogram latency, Long promptTokens, Long completionTokens,
        Long firstGradedAt, Long lastGradedAt, Map<ErrorKind, String> errorReasons, LikelihoodSums likelihood,
        Long byChoice, CostSum cost, Map<String, ScorerTally> scorers) {

    public static final Tally EMPTY = ofCounts(0, 0, 0, 0, 0, 0.0, 0.0, null, null);

    public Tally {
        judged = judged == null ? 0L : judged;
        likelihood = likelihood == null ? LikelihoodSums.EMPTY : likelihood;
        byChoice = byChoice == null ? 0L : byChoice;
        cost = cost == null ? CostSum.EMPTY : cost;
        promptTokens = promptTokens == null ? 0L : promptTokens;
        completionTokens = completionTokens == null ? 0L : completionTokens;
        if (correct < 0 || incorrect < 0 || noAnswer < 0 || errors < 0 || judged < 0
                || graded != correct + incorrect + noAnswer + errors + judged + likelihood.measured()) {
            throw new IllegalArgumentException("verdict counts must be >= 0 and sum to graded: graded=" + graded
                    + " correct=" + correct + " incorrect=" + incorrect + " noAnswer=" + noAnswer + " errors=" + errors
                    + " judged=" + judged + " measured=" + likelihood.measured());
        }
        if (!Double.isFinite(scoreSum) || !Double.isFinite(scoreSquareSum)) {
            throw new IllegalArgumentException("score sums must be finite, got " + scoreSum + " and " + scoreSquareSum);
        }
        dimensions = dimensions == null || dimensions.isEmpty() ? Map.of()
                : Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
        ErrorCounts checked = new ErrorCounts(errorKinds, errorReasons);
        errorKinds = checked.counts();
        errorReasons = checked.reasons();
        latency = latency == null ? LatencyHistogram.EMPTY : latency;
        scorers = scorers == null || scorers.isEmpty() ? Map.of()
                : Collections.unmodifiableSortedMap(new TreeMap<>(scorers));
    }

    /**
     * A tally of verdict counts and score sums alone: nothing judged, measured or costed, no call facts (the
     * first release's state, and the seed of {@link #EMPTY}).
     */
    public static Tally ofCounts(long graded, long correct, long incorrect, long noAnswer, long errors,
            double scoreSum, double scoreSquareSum, Category category, String settingsHash) {
        return new Tally(graded, correct, incorrect, noAnswer, errors, scoreSum, scoreSquareSum, category,
                settingsHash, 0L, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public Tally add(GradedSample sample) {
        return change(sample, 1, sample.category(), sample.settingsHash());
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
            return new Tally(0, 0, 0, 0, 0, 0.0, 0.0, category, settingsHash, 0L, null, null, null, null, null,
                    firstGradedAt, lastGradedAt, null, null, null, null, null);
        }
        return change(sample, -1, category, settingsHash);
    }

    /** The sum of two tallies, e.g. every cell of one category of a model. */
    public Tally plus(Tally other) {
        TreeMap<String, Moments> moments = new TreeMap<>(dimensions);
        other.dimensions.forEach((dimension, more) -> moments.merge(dimension, more, Moments::plus));
        ErrorCounts kinds = errorCounts().plus(other.errorCounts());
        return new Tally(graded + other.graded, correct + other.correct, incorrect + other.incorrect,
                noAnswer + other.noAnswer, errors + other.errors, scoreSum + other.scoreSum,
                scoreSquareSum + other.scoreSquareSum, same(category, other.category, graded, other.graded),
                same(settingsHash, other.settingsHash, graded, other.graded), judged + other.judged, moments,
                kinds.counts(), latency.plus(other.latency), promptTokens + other.promptTokens,
                completionTokens + other.completionTokens, earliest(firstGradedAt, other.firstGradedAt),
                latest(lastGradedAt, other.lastGradedAt), kinds.reasons(), likelihood.plus(other.likelihood),
                byChoice + other.byChoice, cost.plus(other.cost), plusScorers(other.scorers));
    }

    /** Every scorer's score, the headline first; empty for a cell with only its default scorer. */
    public List<ScorerScore> scorerScores() {
        return scorers.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, ScorerTally> entry) -> entry.getValue().position())
                        .thenComparing(Map.Entry::getKey))
                .map(entry -> entry.getValue().score(entry.getKey())).toList();
    }

    /** The sample's rubric dimensions {@link #add} leaves out because this cell already counts the most it may. */
    public List<String> ignoredDimensions(GradedSample sample) {
        if (sample.judgeScores() == null || dimensions.size() < GradedSample.MAX_DIMENSIONS) {
            return List.of();
        }
        return sample.judgeScores().keySet().stream().filter(dimension -> !dimensions.containsKey(dimension)).toList();
    }

    public long count(Verdict verdict) {
        return switch (verdict) {
            case CORRECT -> correct;
            case INCORRECT -> incorrect;
            case NO_ANSWER -> noAnswer;
            case ERROR -> errors;
            case JUDGED -> judged;
            case MEASURED -> likelihood.measured();
        };
    }

    /**
     * The grades accuracy is taken over: all but the judged ones, which are neither right nor wrong, and the errors
     * that say nothing about the model ({@link #unscored()}). None when nothing but errors stands beside judged
     * grades: a judged benchmark, whose accuracy would mean nothing.
     */
    public long accuracyTrials() {
        long answered = correct + incorrect + noAnswer;
        return judged + likelihood.measured() > 0 && answered == 0 ? 0 : answered + errors - unscored();
    }

    /** acc_norm and the corpus bits per byte and perplexity; null for a cell not scored by likelihood. */
    public CorpusLikelihood likelihoodFigures() {
        return likelihood.figures(accuracyTrials(), byChoice > 0);
    }

    /**
     * ERROR grades that say nothing about the model (stopped early or over budget, no worker, no sandbox or judge, a
     * backend that cannot score; {@link ErrorKind#countsAgainstTheModel()}): counted, never scored.
     */
    public long unscored() {
        return errorKinds.entrySet().stream().filter(kind -> !kind.getKey().countsAgainstTheModel())
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Mean score in [0, 1] over the grades but the {@link #unscored()} ones; absent while there are none. */
    public OptionalDouble meanScore() {
        return Means.mean(graded - unscored(), scoreSum);
    }

    /** Standard error of the mean score; absent below 2 grades (not counting the {@link #unscored()} ones). */
    public OptionalDouble meanScoreStdErr() {
        return Means.standardError(graded - unscored(), scoreSum, scoreSquareSum);
    }

    /**
     * Accuracy over {@link #accuracyTrials()} with its Wilson interval, and the mean score with its standard error
     * over the grades but the {@link #unscored()} ones.
     */
    public ScoreEstimates estimates() {
        return new ScoreEstimates(Proportions.estimate(correct, accuracyTrials()),
                Means.estimate(graded - unscored(), scoreSum, scoreSquareSum));
    }

    public VerdictCounts counts() {
        return new VerdictCounts(correct, incorrect, noAnswer, errors, judged);
    }

    /** Latency percentiles, tokens, cost and errors by kind with a sample reason per kind. */
    public CallStats callStats() {
        return new CallStats(latency.summary(), tokens(), costFigure(), errorKinds, errorReasons);
    }

    /** Mean and standard error of every rubric dimension with at least one score, by dimension. */
    public List<DimensionScore> judgeScores() {
        return dimensions.entrySet().stream().map(entry -> entry.getValue().score(entry.getKey()))
                .filter(Objects::nonNull).toList();
    }

    /** ERROR grades by kind with a sample reason per kind. */
    public ErrorCounts errorCounts() {
        return new ErrorCounts(errorKinds, errorReasons);
    }

    /** What the latest answers cost, with the tasks whose cost is unknown. */
    public Cost costFigure() {
        return cost.figure();
    }

    public TokenUsage tokens() {
        return new TokenUsage(promptTokens, completionTokens);
    }

    private Tally change(GradedSample sample, int delta, Category newCategory, String newHash) {
        Verdict verdict = sample.verdict();
        long[] counts = {correct, incorrect, noAnswer, errors, judged};
        if (verdict != Verdict.MEASURED) {
            counts[switch (verdict) {
                case CORRECT -> 0;
                case INCORRECT -> 1;
                case NO_ANSWER -> 2;
                case ERROR -> 3;
                case JUDGED, MEASURED -> 4;
            }] += delta;
        }
        LikelihoodSums sums = sample.likelihood();
        boolean choice = sums != null && verdict != Verdict.MEASURED;
        double score = sample.score();
        TokenUsage usage = sample.usage() == null ? TokenUsage.NONE : sample.usage();
        Long at = sample.gradedAtMillis();
        ErrorCounts kinds = errorCounts().move(sample.errorKind(), sample.errorReason(), delta);
        return new Tally(graded + delta, counts[0], counts[1], counts[2], counts[3],
                scoreSum + delta * score, scoreSquareSum + delta * score * score, newCategory, newHash, counts[4],
                moveScores(sample.judgeScoresOrEmpty(), delta), kinds.counts(),
                // A task never asked (stopped early, over budget) made no call: its 0 ms would drag the latency down.
                sample.latencyMillis() == null || sample.errorKind() != null && sample.errorKind().neverAsked() ? latency
                        : delta > 0 ? latency.add(sample.latencyMillis()) : latency.remove(sample.latencyMillis()),
                promptTokens + delta * usage.promptTokens(), completionTokens + delta * usage.completionTokens(),
                delta > 0 ? earliest(firstGradedAt, at) : firstGradedAt,
                delta > 0 ? latest(lastGradedAt, at) : lastGradedAt, kinds.reasons(), likelihood.move(sums, delta),
                byChoice + (choice ? delta : 0), cost.move(sample.spend(), delta), moveScorers(sample, delta));
    }

    private Map<String, ScorerTally> moveScorers(GradedSample sample, int delta) {
        List<ScorerVerdict> verdicts = sample.scoresOrEmpty();
        if (verdicts.isEmpty() || sample.unscored()) {
            return scorers;
        }
        TreeMap<String, ScorerTally> next = new TreeMap<>(scorers);
        for (int i = 0; i < verdicts.size(); i++) {
            ScorerVerdict verdict = verdicts.get(i);
            ScorerTally moved = next.getOrDefault(verdict.scorer(), ScorerTally.EMPTY).move(i, verdict.verdict(),
                    verdict.score(), delta);
            if (moved.graded() == 0) {
                next.remove(verdict.scorer());
            } else {
                next.put(verdict.scorer(), moved);
            }
        }
        return next;
    }

    private Map<String, ScorerTally> plusScorers(Map<String, ScorerTally> more) {
        TreeMap<String, ScorerTally> sum = new TreeMap<>(scorers);
        more.forEach((scorer, tally) -> sum.merge(scorer, tally, ScorerTally::plus));
        return sum;
    }

    private Map<String, Moments> moveScores(Map<String, Double> scores, int delta) {
        if (scores.isEmpty()) {
            return dimensions;
        }
        TreeMap<String, Moments> next = new TreeMap<>(dimensions);
        scores.forEach((dimension, score) -> {
            Moments moments = next.get(dimension);
            if (moments != null) {
                next.put(dimension, delta > 0 ? moments.add(score) : moments.remove(score));
            } else if (delta > 0 && next.size() < GradedSample.MAX_DIMENSIONS) {
                next.put(dimension, Moments.EMPTY.add(score));
            }
            // else: left out when added (the cell was full), so left out when subtracted
        });
        return next;
    }

    private static <T> T same(T mine, T theirs, long myCount, long theirCount) {
        if (theirCount == 0) {
            return mine;
        }
        if (myCount == 0) {
            return theirs;
        }
        return Objects.equals(mine, theirs) ? mine : null;
    }

    private static Long earliest(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    private static Long latest(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }
}
