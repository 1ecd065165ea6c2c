package io.evalstream.contracts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The headline extraction and metric a task or run manifest names: any name the grader's registry knows
 * ({@code io.evalstream.benchmarks.grading.ScorerRegistry}), so a benchmark's headline may be an extractor or metric
 * added there alone. The {@link Extraction} and {@link Metric} constants are the built-in names, which the code
 * that treats them structurally (code execution, rubric judging, likelihood scoring, the simulator's answer form)
 * compares with.
 *
 * <p>Spelling: a built-in name is carried and written as its constant ({@code NUMERIC}), as every release wrote it,
 * so a task's JSON and its {@link SettingsHash} are what they were and earlier readers still read it; any other
 * name in lower case, as registered ({@code last_number}). Reading accepts either case.
 */
public final class GradingNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private GradingNames() {
    }

    /** The carried spelling of an extraction name; {@code field} names it in the error. */
    public static String extraction(String name, String field) {
        return canonical(name, field, Extraction.class);
    }

    /** The carried spelling of a metric name; {@code field} names it in the error. */
    public static String metric(String name, String field) {
        return canonical(name, field, Metric.class);
    }

    /** The metric a built-in extraction goes with when none is named; empty for an added extraction. */
    public static Optional<String> defaultMetric(String extraction) {
        return builtIn(Extraction.class, extraction).map(builtIn -> builtIn.defaultMetric().name());
    }

    /** The built-in constant a carried name spells, if it is one. */
    public static <E extends Enum<E>> Optional<E> builtIn(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** True for the metrics scored by log-probabilities rather than by generated text. */
    public static boolean byLikelihood(String metric) {
        return builtIn(Metric.class, metric).map(Metric::byLikelihood).orElse(false);
    }

    private static <E extends Enum<E>> String canonical(String name, String field, Class<E> type) {
        // Nearly every name read is a built-in one spelled as it is written, which needs no checking; the pattern,
        // strip and case changes cost 2-3% of a worker's and a grader's CPU at thousands of tasks a second.
        if (name != null && builtIn(type, name).isPresent()) {
            return name;
        }
        String given = Require.nonBlank(name, field).strip();
        if (!NAME.matcher(given).matches()) {
            throw new InvalidRecordException("field '" + field + "' must be a registered name (a letter, then"
                    + " letters, digits or '_', at most 64), got '" + Texts.abbreviate(given, Texts.IN_A_MESSAGE) + "'");
        }
        String upper = given.toUpperCase(Locale.ROOT);
        return builtIn(type, upper).isPresent() ? upper : given.toLowerCase(Locale.ROOT);
    }
}
