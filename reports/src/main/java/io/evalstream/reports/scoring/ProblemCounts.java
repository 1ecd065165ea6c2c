package io.evalstream.reports.scoring;

import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Verdict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Graded and correct samples per problem (item in one variant) of every cell, for pass@k. One pass over a
 * run's latest samples; memory is one small entry per problem.
 */
final class ProblemCounts {

    private final Map<ScoreKey, Map<Problem, Counts>> cells = new HashMap<>();

    private record Problem(String itemId, String variant) {
    }

    private static final class Counts {
        int graded;
        int correct;
    }

    /**
     * Judged samples are neither right nor wrong, and errors of the evaluation rather than of the model (a sample
     * stopped early, one the sandbox could not run) say nothing about it, so neither takes part in pass@k.
     */
    void add(TaskSample entry) {
        if (entry.sample().verdict() == Verdict.JUDGED || entry.sample().unscored()) {
            return;
        }
        TaskId task = entry.task();
        Counts counts = cells.computeIfAbsent(entry.sample().cell(), cell -> new HashMap<>())
                .computeIfAbsent(new Problem(task.itemId(), task.variant()), problem -> new Counts());
        counts.graded++;
        if (entry.sample().verdict() == Verdict.CORRECT) {
            counts.correct++;
        }
    }

    /** One score per cell in which some problem has more than one sample, sorted by model, then benchmark. */
    List<PassAtKScore> scores() {
        List<PassAtKScore> scores = new ArrayList<>();
        cells.forEach((cell, problems) -> {
            int max = problems.values().stream().mapToInt(counts -> counts.graded).max().orElse(0);
            if (max > 1) {
                scores.add(score(cell, problems.values(), max));
            }
        });
        scores.sort(Comparator.comparing(PassAtKScore::modelId).thenComparing(PassAtKScore::benchmarkId));
        return scores;
    }

    private static PassAtKScore score(ScoreKey cell, Collection<Counts> problems, int max) {
        int min = problems.stream().mapToInt(counts -> counts.graded).min().orElseThrow();
        List<PassAtKScore.Estimate> estimates = PassAtK.KS.stream().filter(k -> k <= min)
                .map(k -> new PassAtKScore.Estimate(k, problems.stream()
                        .mapToDouble(counts -> PassAtK.estimate(counts.graded, counts.correct, k)).average()
                        .orElseThrow()))
                .toList();
        return new PassAtKScore(cell.modelId(), cell.benchmarkId(), problems.size(), min, max, estimates);
    }
}
