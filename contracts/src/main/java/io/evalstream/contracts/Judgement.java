package io.evalstream.contracts;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a judge said about one answer.
 *
 * @param judge    {@link Judging#AUTO} or the judge model's id
 * @param rubric   the rubric's id
 * @param scores   score per rubric dimension (e.g. grammar, creativity, consistency), each on the rubric's
 *                 1-10 scale
 * @param labels   categorical findings (e.g. {@code age_group -> "B: 4-5"}); may be empty
 * @param measures the raw figures an automatic judge derived its scores from (e.g. grammar errors per 100
 *                 words, embedding similarity), so a score can be audited; may be empty
 */
public record Judgement(String judge, String rubric, Map<String, Double> scores, Map<String, String> labels,
        Map<String, Double> measures) {

    public static final double MIN_SCORE = 1.0;
    public static final double MAX_SCORE = 10.0;

    public Judgement {
        Require.id(judge, "judgement.judge");
        Require.id(rubric, "judgement.rubric");
        Require.present(scores, "judgement.scores");
        if (scores.isEmpty()) {
            throw new InvalidRecordException("field 'judgement.scores' must name at least one rubric dimension");
        }
        scores.forEach((dimension, score) -> {
            Require.id(dimension, "judgement.scores key");
            Require.present(score, "judgement.scores." + dimension);
            Require.between(score, MIN_SCORE, MAX_SCORE, "judgement.scores." + dimension);
        });
        scores = Collections.unmodifiableSortedMap(new TreeMap<>(scores));
        labels = labels == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        measures = measures == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(measures));
        measures.values().forEach(value -> {
            if (value == null || !Double.isFinite(value)) {
                throw new InvalidRecordException("field 'judgement.measures' must hold finite numbers, got " + value);
            }
        });
    }

    /** The mean dimension score mapped from the 1-10 scale onto [0, 1]: the grade's score. */
    public double normalizedScore() {
        double mean = scores.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return (mean - MIN_SCORE) / (MAX_SCORE - MIN_SCORE);
    }
}
