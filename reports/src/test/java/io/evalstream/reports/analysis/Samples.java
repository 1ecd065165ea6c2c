package io.evalstream.reports.analysis;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Verdict;
import io.evalstream.reports.scoring.CellLabels;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.TaskSample;
import java.util.HashMap;
import java.util.Map;

/** Latest samples for the analysis tests. */
final class Samples {

    static final String RUN = "run-1";

    private Samples() {
    }

    /** An all-or-nothing sample: score 1 when CORRECT, else 0. */
    static GradedSample sample(String model, String benchmark, Verdict verdict) {
        return sample(model, benchmark, verdict, verdict == Verdict.CORRECT ? 1.0 : 0.0);
    }

    static GradedSample sample(String model, String benchmark, Verdict verdict, double score) {
        return GradedSample.of(new ScoreKey(RUN, model, benchmark), verdict, score,
                new CellLabels(Category.MATH, "hash"));
    }

    static TaskSample task(String model, String benchmark, String item, String variant, GradedSample sample) {
        return new TaskSample(new TaskId(RUN, model, benchmark, item, variant, 0), sample);
    }

    /** Items item-0, item-1, ... (default variant, sample 0) with the given verdicts in order. */
    static Map<PairKey, GradedSample> items(String model, Verdict... verdicts) {
        Map<PairKey, GradedSample> samples = new HashMap<>();
        for (int i = 0; i < verdicts.length; i++) {
            samples.put(new PairKey("item-" + i, "default", 0), sample(model, "gsm8k", verdicts[i]));
        }
        return samples;
    }

    /** Items item-0, item-1, ... with {@code samples} samples each (numbered 0, 1, ...), all with the item's verdict. */
    static Map<PairKey, GradedSample> sampledItems(String model, int samples, Verdict... verdicts) {
        Map<PairKey, GradedSample> all = new HashMap<>();
        for (int i = 0; i < verdicts.length; i++) {
            for (int sample = 0; sample < samples; sample++) {
                all.put(new PairKey("item-" + i, "default", sample), sample(model, "gsm8k", verdicts[i]));
            }
        }
        return all;
    }

    /** Items item-0, item-1, ... with partial scores (verdict INCORRECT unless 1). */
    static Map<PairKey, GradedSample> scores(String model, double... scores) {
        Map<PairKey, GradedSample> samples = new HashMap<>();
        for (int i = 0; i < scores.length; i++) {
            samples.put(new PairKey("item-" + i, "default", 0), sample(model, "squad", scores[i] == 1.0
                    ? Verdict.CORRECT : Verdict.INCORRECT, scores[i]));
        }
        return samples;
    }

    /** {@code count} copies of {@code verdict}, to build verdict columns. */
    static Verdict[] repeat(Verdict verdict, int count) {
        Verdict[] verdicts = new Verdict[count];
        java.util.Arrays.fill(verdicts, verdict);
        return verdicts;
    }

    static Verdict[] concat(Verdict[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(Verdict[]::new);
    }
}
