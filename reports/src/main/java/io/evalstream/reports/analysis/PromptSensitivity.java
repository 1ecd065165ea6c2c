package io.evalstream.reports.analysis;

import io.evalstream.reports.analysis.VariantSpread.VariantScore;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.TaskSample;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Prompt sensitivity: per (model, benchmark) run in two or more prompt template variants, the score of each variant
 * and their spread. A benchmark whose score moves a lot with the wording of the prompt measures the prompt as much as
 * the model.
 */
public final class PromptSensitivity {

    private PromptSensitivity() {
    }

    /** One spread per (model, benchmark) of the run with at least two variants. */
    public static SensitivityReport of(String runId, Iterable<TaskSample> samples) {
        Map<ScoreKey, Map<String, VariantTally>> cells = new TreeMap<>(
                Comparator.comparing(ScoreKey::modelId).thenComparing(ScoreKey::benchmarkId));
        long count = 0;
        for (TaskSample sample : samples) {
            count++;
            cells.computeIfAbsent(sample.task().scoreKey(), cell -> new TreeMap<>())
                    .computeIfAbsent(sample.task().variant(), variant -> new VariantTally())
                    .add(sample.sample());
        }
        List<VariantSpread> spreads = new ArrayList<>();
        cells.forEach((cell, variants) -> {
            if (variants.size() >= 2) {
                spreads.add(spread(cell, variants));
            }
        });
        return new SensitivityReport(runId, count, spreads);
    }

    private static VariantSpread spread(ScoreKey cell, Map<String, VariantTally> variants) {
        List<VariantScore> scores = variants.entrySet().stream()
                .map(entry -> entry.getValue().score(entry.getKey())).toList();
        VariantScore best = scores.getFirst();
        VariantScore worst = scores.getFirst();
        for (VariantScore score : scores) {
            best = score.meanScore() > best.meanScore() ? score : best;
            worst = score.meanScore() < worst.meanScore() ? score : worst;
        }
        double[] means = scores.stream().mapToDouble(VariantScore::meanScore).toArray();
        return new VariantSpread(cell.modelId(), cell.benchmarkId(), scores, worst.meanScore(), best.meanScore(),
                best.meanScore() - worst.meanScore(), Math.sqrt(StatUtils.variance(means)), best.variant(),
                worst.variant());
    }

    /** Running counts of one variant's samples. */
    private static final class VariantTally {
        private long samples;
        private long correct;
        private double scoreSum;
        private boolean allOrNothing = true;

        void add(GradedSample sample) {
            samples++;
            correct += sample.verdict() == Verdict.CORRECT ? 1 : 0;
            scoreSum += sample.score();
            allOrNothing &= sample.verdict() != Verdict.JUDGED && (sample.score() == 0.0 || sample.score() == 1.0);
        }

        VariantScore score(String variant) {
            return new VariantScore(variant, samples, scoreSum / samples,
                    allOrNothing ? (double) correct / samples : null);
        }
    }
}
