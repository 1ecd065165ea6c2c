package io.evalstream.grader.grading;

import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.Metric;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every text grader, one per supported (extraction, metric) pair: each extraction goes with each text metric,
 * except that option letters are only compared as letters (MULTIPLE_CHOICE with EXACT_MATCH), code only by
 * running it (CODE with CODE_EXECUTION, graded by {@link Grader#gradeCode}) and open-ended text only by a judge
 * (TEXT with RUBRIC, see {@code io.evalstream.grader.judging}). A boxed answer reaches the metrics
 * that do not read LaTeX as plain text ({@link MathCanonical#plainText}); with NUMERIC_EQUAL, an answer found by
 * another extractor than NUMERIC must hold exactly one number ({@link NumericAnswers#onlyNumber}).
 */
final class Pipelines {

    /** Bumped whenever any step changes what it accepts, so grades of different versions are not mixed. */
    static final int VERSION = 1;

    private static final Map<Extraction, Map<Metric, GradingPipeline>> PIPELINES = build();

    private Pipelines() {
    }

    /** @throws InvalidRecordException when the task pairs an extraction with a metric that cannot grade it */
    static GradingPipeline of(Extraction extraction, Metric metric) {
        GradingPipeline pipeline = PIPELINES.getOrDefault(extraction, Map.of()).get(metric);
        if (pipeline == null) {
            throw new InvalidRecordException("field 'task.metric' cannot be " + metric + " for extraction "
                    + extraction + ": " + switch (extraction) {
                        case MULTIPLE_CHOICE -> "option letters are graded by EXACT_MATCH";
                        case CODE -> "code is graded by CODE_EXECUTION";
                        case TEXT -> "open-ended text is judged on a rubric (metric RUBRIC)";
                        case LIKELIHOOD -> "log-probabilities are graded by LIKELIHOOD_ACC or BITS_PER_BYTE";
                        case NUMERIC, BOXED, ANSWER_LINE -> metric == Metric.RUBRIC
                                ? "RUBRIC goes with extraction TEXT" : "CODE_EXECUTION goes with extraction CODE";
                    });
        }
        return pipeline;
    }

    static List<GradingPipeline> all() {
        List<GradingPipeline> all = new ArrayList<>();
        PIPELINES.values().forEach(byMetric -> all.addAll(byMetric.values()));
        return all;
    }

    /** {@code <extraction>/<metric>@<version>} in lower case, e.g. {@code boxed/math_equivalence@1}. */
    static String name(Extraction extraction, Metric metric) {
        return (extraction + "/" + metric).toLowerCase(Locale.ROOT) + "@" + VERSION;
    }

    private static Map<Extraction, Map<Metric, GradingPipeline>> build() {
        Map<Extraction, Map<Metric, GradingPipeline>> pipelines = new EnumMap<>(Extraction.class);
        pipelines.put(Extraction.MULTIPLE_CHOICE, new EnumMap<>(Map.of(Metric.EXACT_MATCH,
                new GradingPipeline(name(Extraction.MULTIPLE_CHOICE, Metric.EXACT_MATCH), OptionLetters::extract,
                        OptionLetters::normalize, AnswerMatcher.exactly(String::equals)))));
        for (Extraction extraction : List.of(Extraction.NUMERIC, Extraction.BOXED, Extraction.ANSWER_LINE)) {
            Map<Metric, GradingPipeline> byMetric = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                if (metric != Metric.CODE_EXECUTION && metric != Metric.RUBRIC && !metric.byLikelihood()) {
                    byMetric.put(metric, pipeline(extraction, metric));
                }
            }
            pipelines.put(extraction, byMetric);
        }
        return pipelines;
    }

    private static GradingPipeline pipeline(Extraction extraction, Metric metric) {
        Extractor extractor = switch (extraction) {
            case NUMERIC -> NumericAnswers::extract;
            case BOXED -> metric == Metric.MATH_EQUIVALENCE ? BoxedAnswers::extract
                    : text -> BoxedAnswers.extract(text).then(MathCanonical::plainText);
            case ANSWER_LINE -> AnswerLines::extract;
            case MULTIPLE_CHOICE, CODE, TEXT, LIKELIHOOD -> throw new IllegalArgumentException("no text pipeline for "
                    + extraction);
        };
        String name = name(extraction, metric);
        return switch (metric) {
            case EXACT_MATCH -> new GradingPipeline(name, extractor, SquadText::normalize,
                    AnswerMatcher.exactly(String::equals));
            case NUMERIC_EQUAL -> new GradingPipeline(name, extraction == Extraction.NUMERIC ? extractor
                    : text -> extractor.extract(text).then(NumericAnswers::onlyNumber), NumericAnswers::normalize,
                    AnswerMatcher.exactly(NumericAnswers::sameValue));
            case TOKEN_F1 -> new GradingPipeline(name, extractor, SquadText::normalize, SquadText::f1);
            case ALIAS_MATCH -> new GradingPipeline(name, extractor, SquadText::normalize, AliasMatch::score);
            case MATH_EQUIVALENCE -> new GradingPipeline(name, extractor, MathEquivalence::normalize,
                    MathEquivalence::score);
            case CODE_EXECUTION, RUBRIC, LIKELIHOOD_ACC, BITS_PER_BYTE -> throw new IllegalArgumentException(metric
                    + " has no text pipeline");
        };
    }
}
