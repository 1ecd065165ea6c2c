package io.evalstream.producer.run;

import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.SchemaVersion;
import io.evalstream.contracts.SettingsHash;
import io.evalstream.producer.catalog.Benchmark;
import io.evalstream.producer.catalog.Catalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Checks a run spec against the catalog and works out its manifest and tasks. */
public final class RunPlanner {

    /** The only prompt template variant so far; it is part of every task id and settings hash. */
    public static final String VARIANT = "default";

    private final Catalog catalog;

    public RunPlanner(Catalog catalog) {
        this.catalog = catalog;
    }

    /** @throws RunRejectedException when the spec names an unknown benchmark or more shots than it has exemplars */
    public RunPlan plan(RunSpec spec, Instant submittedAt) {
        List<PlannedBenchmark> planned = new ArrayList<>();
        for (int i = 0; i < spec.benchmarks().size(); i++) {
            planned.add(plan(spec, i));
        }
        List<ExpectedCount> expected = new ArrayList<>();
        for (String model : spec.models()) {
            for (PlannedBenchmark benchmark : planned) {
                expected.add(new ExpectedCount(model, benchmark.benchmark().id(), benchmark.benchmark().category(),
                        (long) benchmark.items() * spec.samplesPerItem()));
            }
        }
        return new RunPlan(new RunManifest(SchemaVersion.CURRENT, spec, expected, submittedAt), planned);
    }

    private PlannedBenchmark plan(RunSpec spec, int index) {
        BenchmarkSelection selection = spec.benchmarks().get(index);
        Benchmark<?> benchmark = catalog.find(selection.id()).orElseThrow(() -> new RunRejectedException(
                "field 'benchmarks[" + index + "].id' names unknown benchmark '" + selection.id()
                        + "'; known benchmarks: " + String.join(", ", catalog.ids())));
        int shots = spec.settings().shots();
        if (shots > benchmark.maxShots()) {
            throw new RunRejectedException("field 'settings.shots' is " + shots + " but benchmark '" + benchmark.id()
                    + "' has only " + benchmark.maxShots() + " few-shot exemplars; ask for at most "
                    + benchmark.maxShots());
        }
        int items = selection.limit() == null ? benchmark.size() : Math.min(selection.limit(), benchmark.size());
        String hash = SettingsHash.of(spec.settings(), benchmark.extraction(), VARIANT);
        return new PlannedBenchmark(benchmark, items, hash);
    }
}
