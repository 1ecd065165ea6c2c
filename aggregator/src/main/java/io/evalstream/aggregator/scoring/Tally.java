package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.Verdict;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Verdict counts, score sums and judge score moments over the latest grade of every task of one cell (run,
 * model, benchmark). Immutable: {@link #add} and {@link #subtract} return new tallies, so a task whose grade is
 * replaced moves from its old verdict, score and judge scores to its new ones and a re-delivered grade never
 * counts twice.
 *
 * @param scoreSum       sum of the grades' scores in [0, 1]
 * @param scoreSquareSum sum of their squares, for the standard error of the mean score
 * @param category       category of the most recently added grade; null while nothing was added
 * @param settingsHash   settings hash of the most recently added grade; null while nothing was added
 * @param judged         grades with verdict JUDGED; boxed only so that state written before judges (no such
 *                       field) reads as 0, never null
 * @param dimensions     judge score moments per rubric dimension, at most {@link GradedSample#MAX_DIMENSIONS}.
 *                       A dimension stays (at n = 0) until the cell empties, so a score left out because the cell
 *                       was full is also left out when its grade is subtracted. Null (state written before judges)
 *                       reads as none.
 */
public record Tally(long graded, long correct, long incorrect, long noAnswer, long errors, double scoreSum,
        double scoreSquareSum, Category category, String settingsHash, Long judged, Map<String, Moments> dimensions) {

    public static final Tally EMPTY = new Tally(0, 0, 0, 0, 0, 0.0, 0.0, null, null);

    public Tally {
        judged = judged == null ? 0L : judged;
        if (correct < 0 || incorrect < 0 || noAnswer < 0 || errors < 0 || judged < 0
                || graded != correct + incorrect + noAnswer + errors + judged) {
            throw new IllegalArgumentException("verdict counts must be >= 0 and sum to graded: graded=" + graded
                    + " correct=" + correct + " incorrect=" + incorrect + " noAnswer=" + noAnswer + " errors=" + errors
                    + " judged=" + judged);
        }
        if (!Double.isFinite(scoreSum) || !Double.isFinite(scoreSquareSum)) {
            throw new IllegalArgumentException("score sums must be finite, got " + scoreSum + " and " + scoreSquareSum);
        }
        dimensions = dimensions == null || dimensions.isEmpty() ? Map.of()
                : Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
    }

    /** A tally of a cell nothing in which was judged. */
    public Tally(long graded, long correct, long incorrect, long noAnswer, long errors, double scoreSum,
            double scoreSquareSum, Category category, String settingsHash) {
        this(graded, correct, incorrect, noAnswer, errors, scoreSum, scoreSquareSum, category, settingsHash, 0L, null);
    }

    public Tally add(GradedSample sample) {
        return change(sample.verdict(), 1, sample.score(), sample.category(), sample.settingsHash(),
                moveScores(sample.judgeScoresOrEmpty(), 1));
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
        return change(sample.verdict(), -1, sample.score(), category, settingsHash,
                moveScores(sample.judgeScoresOrEmpty(), -1));
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
        };
    }

    /**
     * The grades accuracy is taken over: all but the judged ones, which are neither right nor wrong. None when
     * nothing but errors stands beside judged grades: a judged benchmark, whose accuracy would mean nothing.
     */
    public long accuracyTrials() {
        long answered = correct + incorrect + noAnswer;
        return judged > 0 && answered == 0 ? 0 : answered + errors;
    }

    /** Mean score in [0, 1]; absent while nothing is graded. */
    public OptionalDouble meanScore() {
        return Means.mean(graded, scoreSum);
    }

    /** Standard error of the mean score; absent below 2 grades. */
    public OptionalDouble meanScoreStdErr() {
        return Means.standardError(graded, scoreSum, scoreSquareSum);
    }

    /** Mean and standard error of every rubric dimension with at least one score, by dimension. */
    public List<DimensionScore> judgeScores() {
        return dimensions.entrySet().stream().map(entry -> entry.getValue().score(entry.getKey()))
                .filter(Objects::nonNull).toList();
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

    private Tally change(Verdict verdict, int delta, double score, Category newCategory, String newHash,
            Map<String, Moments> newDimensions) {
        long total = graded + delta;
        if (total == 0) {
            // An emptied cell starts again from exact zeros instead of carrying the rounding of its subtractions.
            return new Tally(0, 0, 0, 0, 0, 0.0, 0.0, newCategory, newHash, 0L, null);
        }
        double sum = scoreSum + delta * score;
        double squares = scoreSquareSum + delta * score * score;
        return switch (verdict) {
            case CORRECT -> new Tally(total, correct + delta, incorrect, noAnswer, errors, sum, squares, newCategory,
                    newHash, judged, newDimensions);
            case INCORRECT -> new Tally(total, correct, incorrect + delta, noAnswer, errors, sum, squares, newCategory,
                    newHash, judged, newDimensions);
            case NO_ANSWER -> new Tally(total, correct, incorrect, noAnswer + delta, errors, sum, squares, newCategory,
                    newHash, judged, newDimensions);
            case ERROR -> new Tally(total, correct, incorrect, noAnswer, errors + delta, sum, squares, newCategory,
                    newHash, judged, newDimensions);
            case JUDGED -> new Tally(total, correct, incorrect, noAnswer, errors, sum, squares, newCategory,
                    newHash, judged + delta, newDimensions);
        };
    }
}
