package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Subset;
import java.util.Optional;

/**
 * The score of one subset (an MMLU subject) of a (model, benchmark) cell.
 *
 * @param group      the subset's group (e.g. {@code stem}); null when the benchmark does not group its subsets
 * @param accuracy   correct / graded; errors and no-answers are not correct
 * @param meanScore  mean of the grades' scores
 * @param meanScoreStdErr standard error of the mean score; null below 2 grades
 */
public record SubsetScore(String modelId, String benchmarkId, String subset, String group, long graded, long correct,
        Double accuracy, Double ci95Low, Double ci95High, Double meanScore, Double meanScoreStdErr) {

    static SubsetScore of(ScoreKey cell, Subset subset, Tally tally) {
        Optional<Interval> interval = Proportions.wilson95(tally.correct(), tally.graded());
        return new SubsetScore(cell.modelId(), cell.benchmarkId(), subset.id(), subset.group(), tally.graded(),
                tally.correct(), Means.boxed(Proportions.ratio(tally.correct(), tally.graded())),
                interval.map(Interval::lower).orElse(null), interval.map(Interval::upper).orElse(null),
                Means.boxed(tally.meanScore()), Means.boxed(tally.meanScoreStdErr()));
    }
}
