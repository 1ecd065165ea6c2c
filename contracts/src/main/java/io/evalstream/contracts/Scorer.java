package io.evalstream.contracts;

import java.util.List;
import java.util.Locale;

/**
 * One way to grade a task's completion: a named pair of an extractor and a metric, each a name the grader looks up in
 * its registry ({@code io.evalstream.benchmarks.grading.ScorerRegistry}), so adding one needs no change here. A task may
 * carry several (lm-evaluation-harness reports GSM8K by a strict and a flexible extraction side by side); the first
 * is the headline, the one its task's {@code extraction} and {@code metric} name.
 *
 * @param name       the scorer's name within its benchmark, e.g. {@code strict}; reports and gauges label by it
 * @param extraction the extractor's registered name in lower case, e.g. {@code answer_line}
 * @param metric     the metric's registered name in lower case, e.g. {@code numeric_equal}
 */
public record Scorer(String name, String extraction, String metric) {

    /** The name of the one scorer of a benchmark that declares a single extraction and metric. */
    public static final String DEFAULT = "default";
    /** At most this many scorers per benchmark, which bounds the {@code scorer} label of the gauges. */
    public static final int MAX_PER_BENCHMARK = 8;

    public Scorer {
        Require.id(name, "scorers[].name");
        extraction = Require.nonBlank(extraction, "scorers[].extraction").strip().toLowerCase(Locale.ROOT);
        metric = Require.nonBlank(metric, "scorers[].metric").strip().toLowerCase(Locale.ROOT);
    }

    /** The one scorer named {@link #DEFAULT} of a task that names only its extraction and metric (any case). */
    public static Scorer single(String extraction, String metric) {
        return new Scorer(DEFAULT, extraction, metric);
    }

    /**
     * The fingerprint of a list of scorers, recorded on every grade made by them: 16 hex digits of the SHA-256 of
     * each scorer's name, extraction and metric in order, so grades by different definitions can be told apart.
     */
    public static String fingerprint(List<Scorer> scorers) {
        StringBuilder text = new StringBuilder();
        scorers.forEach(scorer -> text.append(scorer.name()).append('=').append(scorer.extraction()).append('/')
                .append(scorer.metric()).append(';'));
        return SettingsHash.sha256Hex(text.toString()).substring(0, 16);
    }

    /** Checks a task's or definition's list: 1 to {@link #MAX_PER_BENCHMARK} scorers with distinct names. */
    public static List<Scorer> checked(List<Scorer> scorers, String field) {
        Require.nonEmpty(scorers, field);
        if (scorers.size() > MAX_PER_BENCHMARK) {
            throw new InvalidRecordException("field '" + field + "' holds " + scorers.size() + " scorers; at most "
                    + MAX_PER_BENCHMARK + " are allowed");
        }
        for (int i = 0; i < scorers.size(); i++) {
            Require.present(scorers.get(i), field + "[" + i + "]");
            for (int j = 0; j < i; j++) {
                if (scorers.get(j).name().equals(scorers.get(i).name())) {
                    throw new InvalidRecordException("field '" + field + "' names scorer '" + scorers.get(i).name()
                            + "' twice; give every scorer its own name");
                }
            }
        }
        return List.copyOf(scorers);
    }
}
