package io.evalstream.reports.scoring;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.StopDecision;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A benchmark whose comparison the run's stop rule ended early, for the report: the decision (models, outcome,
 * sequential test, alpha, margin, pairs seen) and the model calls it saved, which are its STOPPED_EARLY tasks.
 *
 * @param reference   the paper the sequential test follows
 * @param callsSaved  tasks of the benchmark, over every model of the run, that ended as STOPPED_EARLY so far
 */
public record StoppedComparison(StopDecision decision, String reference, long callsSaved) {

    /** The confidence sequences behind {@code analysis.SequentialComparison}. */
    public static final String REFERENCE = "Howard, Ramdas, McAuliffe and Sekhon (2021), Time-uniform,"
            + " nonparametric, nonasymptotic confidence sequences, Annals of Statistics 49(2)";

    /** One entry per decision, in benchmark order, with the calls saved counted from the run's scores. */
    public static List<StoppedComparison> of(Map<String, StopDecision> decisions, Collection<BenchmarkScore> scores) {
        return decisions.values().stream().sorted(java.util.Comparator.comparing(StopDecision::benchmarkId))
                .map(decision -> new StoppedComparison(decision, REFERENCE, scores.stream()
                        .filter(score -> score.cell().benchmarkId().equals(decision.benchmarkId()))
                        .mapToLong(score -> score.calls().errorKinds().getOrDefault(ErrorKind.STOPPED_EARLY, 0L)).sum()))
                .toList();
    }
}
