package io.evalstream.benchmarks.definition;

import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.Scorer;
import io.evalstream.contracts.TaskKind;
import io.evalstream.grader.grading.ScorerRegistry;
import java.util.List;
import java.util.Locale;

/** The checks of a definition's {@code scorers} list, made when the definition loads. */
final class Scorers {

    private Scorers() {
    }

    /** Every scorer, the headline first: the declared list, or the one default scorer, each known to the registry. */
    static List<Scorer> checked(List<Scorer> declared, Extraction extraction, Metric metric) {
        List<Scorer> scorers = declared == null ? List.of(Scorer.single(extraction, metric)) : declared;
        try {
            scorers = Scorer.checked(scorers, "scorers");
            for (Scorer scorer : scorers) {
                ScorerRegistry.check(scorer);
            }
        } catch (InvalidRecordException e) {
            throw new IllegalArgumentException((declared == null ? "keys 'extraction' and 'metric': "
                    : "key 'scorers': ") + e.getMessage());
        }
        if (scorers.size() > 1 && scorers.stream().anyMatch(Scorers::ownPath)) {
            throw new IllegalArgumentException("key 'scorers': code, rubric and likelihood are graded by one scorer"
                    + " alone; list several scorers only for text answers");
        }
        return scorers;
    }

    /** {@code scorers} replaces the single form; both at once would leave the headline ambiguous. */
    static void checkAlone(Extraction extraction, Metric metric) {
        if (extraction != null || metric != null) {
            throw new IllegalArgumentException("keys 'extraction' and 'metric' stand for one scorer named 'default';"
                    + " with 'scorers' remove them (the first scorer is the headline)");
        }
    }

    static void checkNone(List<Scorer> scorers, TaskKind kind) {
        if (scorers != null) {
            throw new IllegalArgumentException("key 'scorers' applies to kind generate only (kind is "
                    + kind.yamlName() + ", scored by likelihood); remove it");
        }
    }

    static Extraction headlineExtraction(List<Scorer> scorers) {
        Scorer headline = headline(scorers);
        try {
            ScorerRegistry.check(headline);
        } catch (InvalidRecordException e) {
            throw new IllegalArgumentException("key 'scorers[0]': " + e.getMessage());
        }
        return builtIn(Extraction.class, headline.extraction(), "extraction");
    }

    static Metric headlineMetric(List<Scorer> scorers) {
        return builtIn(Metric.class, headline(scorers).metric(), "metric");
    }

    private static Scorer headline(List<Scorer> scorers) {
        if (scorers.isEmpty() || scorers.getFirst() == null) {
            throw new IllegalArgumentException("key 'scorers' is empty; list at least one, e.g. scorers: [{name:"
                    + " strict, extraction: answer_line, metric: numeric_equal}]");
        }
        return scorers.getFirst();
    }

    /** The headline rides on every task as its extraction and metric, so it must name one the wire knows. */
    private static <E extends Enum<E>> E builtIn(Class<E> type, String name, String key) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key 'scorers[0]." + key + "' is '" + name + "'; the first scorer is"
                    + " the headline and must use a built-in " + key + " (known: " + String.join(", ",
                    key.equals("extraction") ? ScorerRegistry.extractions() : ScorerRegistry.metrics())
                    + "); list registered additions after it");
        }
    }

    private static boolean ownPath(Scorer scorer) {
        return List.of("code", "text", "likelihood").contains(scorer.extraction());
    }
}
