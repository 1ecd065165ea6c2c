package io.evalstream.producer.run;

import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.SchemaVersion;
import io.evalstream.contracts.TaskId;
import io.evalstream.producer.catalog.Prompt;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Walks benchmark → item → model → sample. Each item is rendered once and shared by all its models and
 * samples; putting models inside items lets every model's progress advance together.
 */
final class TaskSequence implements Iterator<PromptTask> {

    private final RunSpec spec;
    private final List<PlannedBenchmark> benchmarks;
    private int benchmark;
    private int item;
    private int model;
    private int sample;
    private Prompt prompt;

    TaskSequence(RunSpec spec, List<PlannedBenchmark> benchmarks) {
        this.spec = spec;
        this.benchmarks = benchmarks;
    }

    @Override
    public boolean hasNext() {
        while (benchmark < benchmarks.size() && item >= benchmarks.get(benchmark).items()) {
            benchmark++;
            item = 0;
        }
        return benchmark < benchmarks.size();
    }

    @Override
    public PromptTask next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all tasks of run " + spec.runId() + " have been produced");
        }
        PlannedBenchmark planned = benchmarks.get(benchmark);
        if (model == 0 && sample == 0) {
            prompt = planned.benchmark().prompt(item, spec.settings());
        }
        PromptTask task = new PromptTask(SchemaVersion.CURRENT,
                new TaskId(spec.runId(), spec.models().get(model), planned.benchmark().id(), prompt.itemId(),
                        RunPlanner.VARIANT, sample),
                Purpose.EVAL, prompt.text(), planned.benchmark().extraction(), prompt.reference(),
                planned.benchmark().category(), spec.settings(), planned.settingsHash());
        advance();
        return task;
    }

    private void advance() {
        if (++sample < spec.samplesPerItem()) {
            return;
        }
        sample = 0;
        if (++model < spec.models().size()) {
            return;
        }
        model = 0;
        item++;
    }
}
