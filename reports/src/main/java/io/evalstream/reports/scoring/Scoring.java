package io.evalstream.reports.scoring;

import io.evalstream.contracts.AnytimeInterval;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.CellId;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.SchemaVersion;
import io.evalstream.contracts.ScoreDetail;
import io.evalstream.contracts.ScoreKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns a cell's tally into its score. Accuracy is correct / graded: errors and unanswered samples count
 * as not correct, so a model that fails often cannot look better than it is. Judged grades are neither right
 * nor wrong: they are left out of accuracy, which is null for a cell of judged grades (and errors) only. The mean
 * score is the mean of the grades' scores (above accuracy only for partial-credit metrics; the mean normalized
 * judge score, errors counting 0, for judged ones), with its standard error; judge scores are reported per
 * rubric dimension. Beside the accuracy's fixed-n Wilson interval, its anytime-valid one ({@link ConfidenceSequence}),
 * which may be watched.
 */
public final class Scoring {

    private Scoring() {
    }

    /** The anytime interval's miss chance over the whole run, as the Wilson interval's at one n. */
    public static final double ANYTIME_ALPHA = 1 - Proportions.CONFIDENCE;

    /**
     * @param expected the manifest's count for this cell; null when the run's manifest is unknown or does not
     *                 list the cell, which leaves {@code expected} 0 and {@code progress} null
     */
    public static BenchmarkScore score(ScoreKey cell, Tally tally, ExpectedCount expected, Instant at) {
        Category category = tally.category() != null ? tally.category() : expected == null ? null : expected.category();
        return new BenchmarkScore(SchemaVersion.CURRENT, CellId.of(cell, category), tally.counts(), tally.estimates(),
                progress(tally, expected == null ? null : expected.tasks(), at), at, tally.callStats(),
                new ScoreDetail(tally.judgeScores(), anytime(tally.correct(), tally.accuracyTrials()),
                        tally.likelihoodFigures(), tally.scorerScores()));
    }

    /**
     * How far a tally's grading has come against {@code expected} tasks, at {@code at}.
     *
     * @param expected null when not known, which leaves expected 0 and the fraction and ETA null
     */
    static Progress progress(Tally tally, Long expected, Instant at) {
        Long first = tally.span().firstGradedAt();
        return new Progress(tally.graded(), expected == null ? 0 : expected,
                expected == null ? null : progress(tally.graded(), expected),
                expected == null ? null : Means.boxed(eta(tally.graded(), expected, first, at)),
                first == null ? null : Instant.ofEpochMilli(first));
    }

    /** The accuracy's confidence sequence at this look; null while there is no accuracy. */
    static AnytimeInterval anytime(long correct, long trials) {
        if (trials == 0) {
            return null;
        }
        Interval interval = ConfidenceSequence.interval(correct, trials, ANYTIME_ALPHA);
        return new AnytimeInterval(interval.lower(), interval.upper());
    }

    /**
     * Seconds until {@code expected} tasks are graded, at the pace since the first grade: 0 when they are; absent
     * while nothing is graded or no time has passed since the first grade.
     */
    public static OptionalDouble eta(long graded, long expected, Long firstGradedAtMillis, Instant at) {
        if (graded >= expected) {
            return OptionalDouble.of(0.0);
        }
        if (graded == 0 || firstGradedAtMillis == null) {
            return OptionalDouble.empty();
        }
        long elapsedMillis = at.toEpochMilli() - firstGradedAtMillis;
        return elapsedMillis <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of((expected - graded) * (elapsedMillis / 1000.0) / graded);
    }

    /** graded / expected, capped at 1 (more grades than expected means the manifest undercounted); 1 when none is expected. */
    public static double progress(long graded, long expected) {
        return expected == 0 ? 1.0 : Math.min(1.0, (double) graded / expected);
    }

    /** The manifest's cells by key; a (model, benchmark) listed twice is expected once per listing. */
    public static Map<ScoreKey, ExpectedCount> expectedCells(RunManifest manifest) {
        Map<ScoreKey, ExpectedCount> cells = new LinkedHashMap<>();
        for (ExpectedCount count : manifest.expected()) {
            cells.merge(new ScoreKey(manifest.runId(), count.modelId(), count.benchmarkId()), count,
                    (first, again) -> new ExpectedCount(first.modelId(), first.benchmarkId(), first.category(),
                            first.tasks() + again.tasks()));
        }
        return cells;
    }
}
