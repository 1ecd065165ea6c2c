package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A cell's figures beyond its headline ones, each for the benchmarks that have them.
 *
 * @param judgeScores per rubric dimension, the mean judge score (1-10) and its standard error; empty when nothing was
 *                    judged
 * @param anytime95   the accuracy's anytime-valid 95% interval (a confidence sequence), for watching a run; null when
 *                    there is no accuracy, and left out of the JSON then
 * @param likelihood  for a benchmark scored by likelihood, acc_norm and the corpus bits per byte and perplexity; null
 *                    for any other
 * @param scorers     every scorer's result, the headline (whose figures are the cell's own) first, for a benchmark
 *                    that declares several; null, and left out of the JSON, for one with only its default scorer
 */
public record ScoreDetail(List<DimensionScore> judgeScores,
        @JsonInclude(JsonInclude.Include.NON_NULL) AnytimeInterval anytime95, CorpusLikelihood likelihood,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ScorerScore> scorers) {

    public static final ScoreDetail NONE = new ScoreDetail(List.of(), null, null, null);

    /** The detail of a cell with only judge scores (or none) beyond its headline. */
    public static ScoreDetail judged(List<DimensionScore> judgeScores) {
        return new ScoreDetail(judgeScores, null, null, null);
    }

    public ScoreDetail {
        judgeScores = judgeScores == null ? List.of() : List.copyOf(judgeScores);
        scorers = scorers == null || scorers.isEmpty() ? null : List.copyOf(scorers);
    }
}
