package io.evalstream.reports.scoring;

import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Estimate;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.ScoreKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** A run's cells rolled up per (model, category) and per model, from the cell tallies alone (cheap to poll). */
public final class Rollups {

    private Rollups() {
    }

    /** Key of one rollup: a model and a category, or a model overall (category null). */
    private record Group(String modelId, Category category) {
    }

    private static final Comparator<Group> ORDER = Comparator.comparing(Group::modelId)
            .thenComparing(Group::category, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** A run's cells, each with its tally (EMPTY when nothing is graded) and expected count (null when unknown). */
    public record Cell(ScoreKey key, Tally tally, ExpectedCount expected) {

        Category category() {
            return tally.category() != null ? tally.category() : expected == null ? null : expected.category();
        }
    }

    /** One score per (model, category) of the run's cells, sorted by model, then category. */
    public static List<RollupScore> byCategory(List<Cell> cells, Instant at) {
        return rollUp(cells, true, at);
    }

    /** One score per model over all its cells, sorted by model. */
    public static List<RollupScore> overall(List<Cell> cells, Instant at) {
        return rollUp(cells, false, at);
    }

    private static List<RollupScore> rollUp(List<Cell> cells, boolean perCategory, Instant at) {
        TreeMap<Group, List<Cell>> groups = new TreeMap<>(ORDER);
        for (Cell cell : cells) {
            Category category = cell.category();
            if (perCategory && category == null) {
                continue;
            }
            groups.computeIfAbsent(new Group(cell.key().modelId(), perCategory ? category : null),
                    group -> new ArrayList<>()).add(cell);
        }
        List<RollupScore> scores = new ArrayList<>();
        groups.forEach((group, members) -> scores.add(score(group, members, at)));
        return scores;
    }

    private static RollupScore score(Group group, List<Cell> members, Instant at) {
        Tally sum = Tally.EMPTY;
        long expected = 0;
        for (Cell cell : members) {
            sum = sum.plus(cell.tally());
            expected += cell.expected() == null ? 0 : cell.expected().tasks();
        }
        List<Tally> graded = members.stream().map(Cell::tally).filter(tally -> tally.graded() > 0).toList();
        // A benchmark nothing of which could be asked (no worker, no sandbox) has no mean to average.
        List<Tally> scored = graded.stream().filter(tally -> tally.meanScore().isPresent()).toList();
        Progress progress = Scoring.progress(sum, expected == 0 ? null : expected, at);
        CallStats calls = sum.callStats();
        return new RollupScore(group.modelId(), group.category(), graded.size(),
                // A rollup does not say when its first grade came, nor what it cost (the run's cost section does).
                new Progress(progress.graded(), expected, progress.fraction(), progress.etaSeconds(), null),
                sum.counts(), sum.estimates(),
                Estimate.mean(Means.boxed(macroMean(scored)), Means.boxed(macroStdErr(scored))), sum.judgeScores(),
                new CallStats(calls.latency(), calls.tokens(), null, calls.errorKinds(), calls.errorReasons()));
    }

    /** The mean of the benchmarks' mean scores, each benchmark weighing the same; every one must have a mean. */
    static OptionalDouble macroMean(List<Tally> graded) {
        return graded.stream().mapToDouble(tally -> tally.meanScore().orElseThrow()).average();
    }

    /** sqrt(sum of squared standard errors) / k; absent when some benchmark has no standard error (fewer than 2 grades). */
    static OptionalDouble macroStdErr(List<Tally> graded) {
        if (graded.isEmpty() || graded.stream().anyMatch(tally -> tally.meanScoreStdErr().isEmpty())) {
            return OptionalDouble.empty();
        }
        double variance = graded.stream().mapToDouble(tally -> Math.pow(tally.meanScoreStdErr().getAsDouble(), 2)).sum();
        return OptionalDouble.of(Math.sqrt(variance) / graded.size());
    }
}
