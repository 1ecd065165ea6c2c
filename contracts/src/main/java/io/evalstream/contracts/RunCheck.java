package io.evalstream.contracts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a run's manifest allows, for checking the records that claim to belong to the run: the models, the
 * benchmarks with the settings hash of each of their variants, and the samples per item. A task, completion or
 * grade that contradicts its run's manifest (a benchmark the run does not have, settings other than the run's:
 * say, a second record with an existing task id but different settings) is invalid input; the run's numbers must
 * not absorb it. Runs without a manifest (ad-hoc tasks pushed straight onto the tasks topic) are not checked.
 */
public final class RunCheck {

    private final String runId;
    private final List<String> models;
    private final Set<String> benchmarks;
    private final Map<String, String> hashByVariant = new HashMap<>();
    private final Map<String, Set<String>> hashesByBenchmark = new HashMap<>();
    private final int samplesPerItem;
    private final Budget budget;

    private RunCheck(RunManifest manifest) {
        this.runId = manifest.runId();
        this.models = manifest.spec().models();
        this.benchmarks = new HashSet<>(manifest.spec().benchmarks().stream().map(BenchmarkSelection::id).toList());
        for (BenchmarkSettings settings : manifest.benchmarkSettings()) {
            hashByVariant.put(settings.benchmarkId() + TaskId.SEPARATOR + settings.variant(), settings.settingsHash());
            hashesByBenchmark.computeIfAbsent(settings.benchmarkId(), id -> new HashSet<>()).add(settings.settingsHash());
        }
        this.samplesPerItem = manifest.spec().samplesPerItem();
        this.budget = manifest.spec().budget();
    }

    /** The run's spending limits; empty when it has none. */
    public Optional<Budget> budget() {
        return Optional.ofNullable(budget);
    }

    public static RunCheck of(RunManifest manifest) {
        return new RunCheck(manifest);
    }

    /**
     * Why a record of this run with {@code taskId} and {@code settingsHash} contradicts the manifest, or empty
     * when it does not. A judge task (purpose JUDGE) is asked of a judge model outside the run's models, under a
     * variant of its own, with the settings hash of the answer it judges.
     */
    public Optional<String> conflict(TaskId taskId, Purpose purpose, String settingsHash) {
        String benchmark = taskId.benchmarkId();
        if (purpose == Purpose.EVAL && !models.contains(taskId.modelId())) {
            return reason("model '" + taskId.modelId() + "' is not in the run's manifest (models " + models + ")");
        }
        if (!benchmarks.contains(benchmark)) {
            return reason("benchmark '" + benchmark + "' is not in the run's manifest (benchmarks "
                    + new java.util.TreeSet<>(benchmarks) + ")");
        }
        if (taskId.sample() >= samplesPerItem) {
            return reason("sample " + taskId.sample() + " is beyond the run's " + samplesPerItem + " samples per item");
        }
        if (!hashesByBenchmark.containsKey(benchmark)) {
            return Optional.empty();  // a manifest that records no settings (written before they were recorded)
        }
        if (purpose == Purpose.JUDGE) {
            return hashesByBenchmark.get(benchmark).contains(settingsHash) ? Optional.empty()
                    : reason("settingsHash '" + settingsHash + "' is none of the run's settings hashes for benchmark '"
                            + benchmark + "': the record conflicts with its run");
        }
        String expected = hashByVariant.get(benchmark + TaskId.SEPARATOR + taskId.variant());
        if (expected == null) {
            return reason("variant '" + taskId.variant() + "' of benchmark '" + benchmark
                    + "' is not in the run's manifest");
        }
        return expected.equals(settingsHash) ? Optional.empty()
                : reason("settingsHash '" + settingsHash + "' is not the run's '" + expected + "' for " + benchmark
                        + TaskId.SEPARATOR + taskId.variant() + ": the record conflicts with its run (a task id reused"
                        + " with other settings?)");
    }

    private Optional<String> reason(String what) {
        return Optional.of("run '" + runId + "': " + what);
    }
}
