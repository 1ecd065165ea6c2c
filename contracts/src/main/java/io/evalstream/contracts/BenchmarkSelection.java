package io.evalstream.contracts;

import java.util.HashSet;
import java.util.List;

/**
 * A benchmark chosen for a run.
 *
 * @param id       benchmark id as the prompt-producer knows it (e.g. {@code gsm8k}, {@code mmlu})
 * @param limit    at most this many items, taken in the benchmark's run order; null for all of them
 * @param variants prompt template variants to run, each item once per variant; empty for the benchmark's
 *                 default variant. Several variants measure prompt sensitivity.
 * @param settings settings for this benchmark only, over the spec's; {@link SettingsOverrides#NONE} for none
 * @param judge    for a benchmark judged on a rubric: the judge model id (served by a worker) or
 *                 {@link Judging#AUTO}, over the benchmark's declared judge; null keeps the declared one
 */
public record BenchmarkSelection(String id, Integer limit, List<String> variants, SettingsOverrides settings,
        String judge) {

    public BenchmarkSelection {
        Require.id(id, "benchmarks[].id");
        if (limit != null) {
            Require.atLeast(limit, 1, "benchmarks[].limit");
        }
        variants = variants == null ? List.of() : List.copyOf(variants);
        var seen = new HashSet<String>();
        for (String variant : variants) {
            Require.id(variant, "benchmarks[].variants[]");
            if (!seen.add(variant)) {
                throw new InvalidRecordException("field 'benchmarks[].variants' of '" + id + "' lists '" + variant
                        + "' twice; list each once");
            }
        }
        settings = settings == null ? SettingsOverrides.NONE : settings;
        if (judge != null) {
            Require.id(judge, "benchmarks[].judge");
        }
    }

    /** A selection keeping the benchmark's declared judge. */
    public BenchmarkSelection(String id, Integer limit, List<String> variants, SettingsOverrides settings) {
        this(id, limit, variants, settings, null);
    }

    /** All items (or the first {@code limit}) in the default variant with the spec's settings. */
    public BenchmarkSelection(String id, Integer limit) {
        this(id, limit, List.of(), SettingsOverrides.NONE, null);
    }
}
