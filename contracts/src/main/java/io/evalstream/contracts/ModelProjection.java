package io.evalstream.contracts;

/**
 * What a run will ask of one model and may cost, before anything is sent.
 *
 * @param calls          model calls without retries: one per task, one per choice for multiple choice by likelihood
 * @param promptTokens   prompt tokens of the rendered prompts, estimated (see {@link Projection#estimator()})
 * @param typicalOutput  output tokens if each answer is as long as its item's worked answer written the way the
 *                       few-shot examples are (capped at maxTokens)
 * @param maxOutput      output tokens if every answer runs to maxTokens: the ceiling
 * @param typicalUsd     the cost at {@code typicalOutput}; null when the model has no price
 * @param ceilingUsd     the cost at {@code maxOutput}, the most the run can spend on this model without retries; null
 *                       when the model has no price
 */
public record ModelProjection(String modelId, long tasks, long calls, long promptTokens, long typicalOutput,
        long maxOutput, Double typicalUsd, Double ceilingUsd) {
}
