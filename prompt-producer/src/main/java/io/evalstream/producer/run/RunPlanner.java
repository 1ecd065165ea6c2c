package io.evalstream.producer.run;

import io.evalstream.benchmarks.Benchmark;
import io.evalstream.benchmarks.Catalog;
import io.evalstream.contracts.BenchmarkClusters;
import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.BenchmarkSettings;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.SchemaVersion;
import io.evalstream.contracts.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a run spec against the catalog and works out its manifest and tasks. A benchmark's effective settings are
 * its declared ones, overridden by the spec's {@code settings}, overridden by its selection's {@code settings}; a
 * judged benchmark's judge is the declared one unless its selection names another.
 */
public final class RunPlanner {

    private final Catalog catalog;

    public RunPlanner(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @throws RunRejectedException when the spec names an unknown benchmark or variant, asks for more shots than a
     *                              benchmark has exemplars, or several samples per item without sampling
     */
    public RunPlan plan(RunSpec spec, Instant submittedAt) {
        List<PlannedBenchmark> planned = new ArrayList<>();
        for (int i = 0; i < spec.benchmarks().size(); i++) {
            planned.add(plan(spec, i));
        }
        List<ExpectedCount> expected = new ArrayList<>();
        for (String model : spec.models()) {
            for (PlannedBenchmark benchmark : planned) {
                expected.add(new ExpectedCount(model, benchmark.benchmark().id(), benchmark.benchmark().category(),
                        benchmark.tasksPerModel(spec.samplesPerItem())));
            }
        }
        List<BenchmarkSettings> settings = new ArrayList<>();
        for (PlannedBenchmark benchmark : planned) {
            Benchmark definition = benchmark.benchmark();
            benchmark.variants().forEach(variant -> settings.add(new BenchmarkSettings(definition.id(), variant.name(),
                    benchmark.settings(), definition.extraction(), definition.metric(), variant.settingsHash(),
                    benchmark.judging())));
        }
        List<BenchmarkClusters> clusters = planned.stream().flatMap(benchmark -> benchmark.clusters().stream())
                .toList();
        return new RunPlan(new RunManifest(SchemaVersion.CURRENT, spec, expected, settings, submittedAt, clusters),
                planned);
    }

    private PlannedBenchmark plan(RunSpec spec, int index) {
        BenchmarkSelection selection = spec.benchmarks().get(index);
        String field = "benchmarks[" + index + "]";
        Benchmark benchmark = catalog.find(selection.id()).orElseThrow(() -> new RunRejectedException(
                "field '" + field + ".id' names unknown benchmark '" + selection.id() + "'; known benchmarks: "
                        + String.join(", ", catalog.ids())));
        Settings settings = selection.settings().applyTo(spec.settings().applyTo(benchmark.settings()));
        checkShots(benchmark, settings, selection.settings().shots() != null ? field + ".settings.shots"
                : "settings.shots");
        checkSampling(benchmark, settings, spec.samplesPerItem());
        Judging judging = judging(benchmark, selection, field);
        List<String> names = selection.variants().isEmpty() ? List.of(benchmark.variants().getFirst())
                : selection.variants();
        List<PlannedVariant> variants = new ArrayList<>();
        for (String name : names) {
            if (!benchmark.variants().contains(name)) {
                throw new RunRejectedException("field '" + field + ".variants' names unknown variant '" + name
                        + "' of benchmark '" + benchmark.id() + "'; its variants: "
                        + String.join(", ", benchmark.variants()));
            }
            variants.add(new PlannedVariant(name, benchmark.prompter(name, settings),
                    benchmark.settingsHash(name, settings, judging)));
        }
        int items = selection.limit() == null ? benchmark.size() : Math.min(selection.limit(), benchmark.size());
        return new PlannedBenchmark(benchmark, items, settings, variants, judging);
    }

    private static Judging judging(Benchmark benchmark, BenchmarkSelection selection, String field) {
        if (selection.judge() == null) {
            return benchmark.judging();
        }
        if (benchmark.judging() == null) {
            throw new RunRejectedException("field '" + field + ".judge' names a judge, but benchmark '" + benchmark.id()
                    + "' is graded by its metric (" + benchmark.metric() + "), not by a judge; remove 'judge'");
        }
        return new Judging(benchmark.judging().rubric(), selection.judge());
    }

    private static void checkShots(Benchmark benchmark, Settings settings, String field) {
        if (settings.shots() > benchmark.maxShots()) {
            throw new RunRejectedException("field '" + field + "' is " + settings.shots() + " but benchmark '"
                    + benchmark.id() + "' has only " + benchmark.maxShots() + " few-shot exemplars; ask for at most "
                    + benchmark.maxShots());
        }
    }

    /** pass@k over greedy samples would count one answer k times. */
    private static void checkSampling(Benchmark benchmark, Settings settings, int samplesPerItem) {
        if (samplesPerItem > 1 && settings.temperature() == 0.0) {
            throw new RunRejectedException("field 'samplesPerItem' is " + samplesPerItem + " but the effective"
                    + " 'settings.temperature' of benchmark '" + benchmark.id() + "' is 0.0 (greedy), so every sample"
                    + " would be the same answer; pass@k needs sampling: set settings.temperature above 0 (e.g. 0.8)"
                    + " or samplesPerItem to 1");
        }
    }
}
