package io.evalstream.benchmarks.definition;

import io.evalstream.contracts.Judging;
import io.evalstream.contracts.Scorer;
import java.util.List;

/**
 * How the grader scores a benchmark's answers.
 *
 * @param extraction the headline scorer's extraction, as {@link io.evalstream.contracts.GradingNames} spells it
 * @param metric     the headline scorer's metric
 * @param scorers    every scorer, the headline first
 * @param code       how to run code completions; null unless the metric is code_execution
 * @param judging    who judges on which rubric; null unless the metric is rubric
 */
public record GradingRules(String extraction, String metric, List<Scorer> scorers, CodeFields code,
        Judging judging) {
}
