package io.evalstream.producer.run;

import io.evalstream.benchmarks.Item;
import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.SchemaVersion;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Walks benchmark → item → variant → model → sample. Each item is rendered once per variant and shared by all its
 * models and samples; putting models inside items lets every model's progress advance together.
 */
final class TaskSequence implements Iterator<PromptTask> {

    private final RunSpec spec;
    private final List<PlannedBenchmark> benchmarks;
    private int benchmark;
    private int item;
    private int variant;
    private int model;
    private int sample;
    private String prompt;

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
        PlannedVariant plannedVariant = planned.variants().get(variant);
        Item current = planned.benchmark().items().get(item);
        if (model == 0 && sample == 0) {
            prompt = plannedVariant.prompter().render(current);
        }
        PromptTask task = task(new TaskId(spec.runId(), spec.models().get(model), planned.benchmark().id(),
                current.id(), plannedVariant.name(), sample), planned, plannedVariant, current, prompt);
        advance(planned);
        return task;
    }

    /** The task of one item of a planned benchmark in one variant, asked with {@code prompt}. */
    static PromptTask task(TaskId id, PlannedBenchmark planned, PlannedVariant variant, Item item, String prompt) {
        return new PromptTask(SchemaVersion.CURRENT, id, Purpose.EVAL, prompt,
                new AnswerKey(planned.benchmark().extraction(), planned.benchmark().metric(), item.reference(),
                item.aliases(), item.code()), new TaskSetup(planned.benchmark().category(), item.subset(),
                planned.settings(), variant.settingsHash(), planned.judging()), null, item.choices(),
                planned.benchmark().scorers());
    }

    private void advance(PlannedBenchmark planned) {
        if (++sample < spec.samplesPerItem()) {
            return;
        }
        sample = 0;
        if (++model < spec.models().size()) {
            return;
        }
        model = 0;
        if (++variant < planned.variants().size()) {
            return;
        }
        variant = 0;
        item++;
    }
}
