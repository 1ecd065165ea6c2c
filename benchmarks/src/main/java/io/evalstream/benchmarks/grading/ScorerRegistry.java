package io.evalstream.benchmarks.grading;

import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.Scorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The open vocabulary of text grading, after lm-evaluation-harness's {@code @register_metric} and Inspect's
 * {@code @scorer}: extractors and metrics are named implementations, and a scorer's {@code extraction} and
 * {@code metric} are looked up here by name. Adding one is one class and one line below; contracts, schemas and the
 * other services are not touched. Benchmark definitions are checked against this registry when they load, so an
 * unknown name fails there, with the list of known ones, and never at the first completion.
 *
 * <p>Code, open-ended text and log-probabilities are graded by their own paths ({@link Grader#gradeCode}, the
 * judges, {@link LikelihoodGrades}); their names are known here so definitions may use them, as a lone scorer.
 */
public final class ScorerRegistry {

    /** Bumped whenever any step changes what it accepts, so grades of different versions are not mixed. */
    static final int VERSION = 1;

    private static final List<AnswerExtractor> EXTRACTORS = List.of(new NumericExtraction(), new BoxedExtraction(),
            new AnswerLineExtraction(), new OptionLetterExtraction(), new StatedNumberExtraction(),
            new FinalAnswerExtraction(), new LastNumberExtraction());
    private static final List<AnswerMetric> METRICS = List.of(new ExactMatchMetric(), new NumericEqualMetric(),
            new TokenF1Metric(), new AliasMatchMetric(), new MathEquivalenceMetric());
    /** Extraction to the metrics it alone goes with: each is graded by a path of its own, not a text pipeline. */
    private static final Map<String, List<String>> OWN_PATHS = Map.of("code", List.of("code_execution"),
            "text", List.of("rubric"), "likelihood", List.of("likelihood_acc", "bits_per_byte"));

    private static final Map<String, AnswerExtractor> EXTRACTOR_BY_NAME = byName(EXTRACTORS, AnswerExtractor::name);
    private static final Map<String, AnswerMetric> METRIC_BY_NAME = byName(METRICS, AnswerMetric::name);
    private static final List<String> EXTRACTION_NAMES = sortedNames(EXTRACTOR_BY_NAME.keySet(), OWN_PATHS.keySet());
    private static final List<String> METRIC_NAMES = sortedNames(METRIC_BY_NAME.keySet(),
            OWN_PATHS.values().stream().flatMap(List::stream).toList());
    private static final Map<String, GradingPipeline> PIPELINES = new java.util.concurrent.ConcurrentHashMap<>();

    private ScorerRegistry() {
    }

    /**
     * The text grader of an extraction and a metric, by their registered names (any case).
     *
     * @throws InvalidRecordException naming the unknown name and every known one, or why the pair cannot grade
     */
    public static GradingPipeline pipeline(String extraction, String metric) {
        // Every completion asks for its scorers' pipelines: the known pairs are built once (a bounded set, as only
        // registered names get this far; an unknown one throws below and is never kept).
        String key = (extraction + '/' + metric).toLowerCase(java.util.Locale.ROOT);
        GradingPipeline known = PIPELINES.get(key);
        if (known != null) {
            return known;
        }
        GradingPipeline built = build(extraction, metric);
        PIPELINES.put(key, built);
        return built;
    }

    private static GradingPipeline build(String extraction, String metric) {
        String extractionName = extraction.toLowerCase(java.util.Locale.ROOT);
        String metricName = metric.toLowerCase(java.util.Locale.ROOT);
        checkKnown(extractionName, metricName);
        if (OWN_PATHS.containsKey(extractionName) || ownPathMetric(metricName)) {
            throw new InvalidRecordException("extraction " + extractionName + " with metric " + metricName
                    + " has no text grader: " + ownPathRule(extractionName, metricName));
        }
        AnswerExtractor extractor = EXTRACTOR_BY_NAME.get(extractionName);
        AnswerMetric scoring = METRIC_BY_NAME.get(metricName);
        if (!extractor.scoresWith(scoring)) {
            throw new InvalidRecordException("extraction " + extractionName + " cannot be scored by metric "
                    + metricName + "; it goes with " + String.join(", ", metricsFor(extractor)));
        }
        return new GradingPipeline(graderName(extractionName, metricName), steps(extractor, scoring),
                extractor.normalizerFor(scoring), scoring.matcher());
    }

    /**
     * Checks a scorer when its definition loads: known names that can grade together. A scorer graded by a path of
     * its own (code, rubric, likelihood) passes when its pair is that path's.
     *
     * @throws InvalidRecordException saying what is unknown or wrong, and what is known
     */
    public static void check(Scorer scorer) {
        checkKnown(scorer.extraction(), scorer.metric());
        List<String> own = OWN_PATHS.get(scorer.extraction());
        if (own != null && own.contains(scorer.metric())) {
            return;
        }
        pipeline(scorer.extraction(), scorer.metric());
    }

    /** {@code <extraction>/<metric>@<version>}, e.g. {@code boxed/math_equivalence@1}: the grader on a grade. */
    public static String graderName(String extraction, String metric) {
        return (extraction + "/" + metric).toLowerCase(java.util.Locale.ROOT) + "@" + VERSION;
    }

    /** The name of every text grader, e.g. to register meters up front. */
    static List<String> pipelineNames() {
        List<String> names = new ArrayList<>();
        for (AnswerExtractor extractor : EXTRACTORS) {
            for (String metric : metricsFor(extractor)) {
                names.add(graderName(extractor.name(), metric));
            }
        }
        return names;
    }

    /** Every registered extraction name, sorted. */
    public static List<String> extractions() {
        return EXTRACTION_NAMES;
    }

    /** Every registered metric name, sorted. */
    public static List<String> metrics() {
        return METRIC_NAMES;
    }

    private static List<String> sortedNames(java.util.Collection<String> registered,
            java.util.Collection<String> ownPaths) {
        TreeSet<String> names = new TreeSet<>(registered);
        names.addAll(ownPaths);
        return List.copyOf(names);
    }

    private static void checkKnown(String extraction, String metric) {
        if (!extractions().contains(extraction)) {
            throw new InvalidRecordException("unknown extraction '" + extraction + "'; known: "
                    + String.join(", ", extractions()));
        }
        if (!metrics().contains(metric)) {
            throw new InvalidRecordException("unknown metric '" + metric + "'; known: " + String.join(", ", metrics()));
        }
    }

    private static Extractor steps(AnswerExtractor extractor, AnswerMetric metric) {
        Extractor plain = extractor.yieldsLatex() && !metric.readsLatex()
                ? text -> extractor.extract(text).then(MathCanonical::plainText) : extractor::extract;
        return metric.wantsOneNumber() && !extractor.yieldsNumber()
                ? text -> plain.extract(text).then(NumericAnswers::onlyNumber) : plain;
    }

    private static boolean ownPathMetric(String metric) {
        return OWN_PATHS.values().stream().anyMatch(metrics -> metrics.contains(metric));
    }

    private static String ownPathRule(String extraction, String metric) {
        for (var path : OWN_PATHS.entrySet()) {
            if (path.getKey().equals(extraction) || path.getValue().contains(metric)) {
                return "extraction " + path.getKey() + " goes with metric " + String.join(" or ", path.getValue())
                        + " and only with it";
            }
        }
        throw new IllegalStateException("no own path for " + extraction + "/" + metric + "; this is a bug");
    }

    private static List<String> metricsFor(AnswerExtractor extractor) {
        return METRICS.stream().filter(extractor::scoresWith).map(AnswerMetric::name).toList();
    }

    private static <T> Map<String, T> byName(List<T> all, java.util.function.Function<T, String> name) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T each : all) {
            if (map.put(name.apply(each), each) != null) {
                throw new IllegalStateException("two registered implementations are named " + name.apply(each));
            }
        }
        return Map.copyOf(map);
    }
}
