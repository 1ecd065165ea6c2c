package io.evalstream.benchmarks.definition;

import io.evalstream.benchmarks.grading.ScorerRegistry;
import io.evalstream.contracts.GradingNames;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.Scorer;
import io.evalstream.contracts.TaskKind;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The checks of a definition's {@code scorers} list, made when the definition loads. */
final class Scorers {

    private Scorers() {
    }

    /** Every scorer, the headline first: the declared list, or the one default scorer, each known to the registry. */
    static List<Scorer> checked(List<Scorer> declared, String extraction, String metric) {
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
    static void checkAlone(String extraction, String metric) {
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

    /** The headline, any registered pair: tasks carry its names, so it need not be built in. */
    static Scorer headline(List<Scorer> scorers) {
        if (scorers.isEmpty() || scorers.getFirst() == null) {
            throw new IllegalArgumentException("key 'scorers' is empty; list at least one, e.g. scorers: [{name:"
                    + " strict, extraction: answer_line, metric: numeric_equal}]");
        }
        try {
            ScorerRegistry.check(scorers.getFirst());
        } catch (InvalidRecordException e) {
            throw new IllegalArgumentException("key 'scorers[0]': " + e.getMessage());
        }
        return scorers.getFirst();
    }

    /** A registered extraction name, spelled for the wire. */
    static String extraction(String name) {
        String spelled = spelled(() -> GradingNames.extraction(name, "extraction"));
        if (!ScorerRegistry.extractions().contains(spelled.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("key 'extraction': unknown extraction '" + name.strip() + "'; known: "
                    + String.join(", ", ScorerRegistry.extractions()));
        }
        return spelled;
    }

    /** The metric named, spelled for the wire, or a built-in extraction's default; an added one must name its own. */
    static String metric(String extraction, String metric) {
        if (metric != null) {
            return spelled(() -> GradingNames.metric(metric, "metric"));
        }
        return GradingNames.defaultMetric(extraction).orElseThrow(() -> new IllegalArgumentException("key 'metric'"
                + " is required with extraction " + extraction + " (only built-in extractions have a default); known"
                + " metrics: " + String.join(", ", ScorerRegistry.metrics())));
    }

    private static String spelled(Supplier<String> name) {
        try {
            return name.get();
        } catch (InvalidRecordException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^field ", "key "));
        }
    }

    private static boolean ownPath(Scorer scorer) {
        return List.of("code", "text", "likelihood").contains(scorer.extraction());
    }
}
