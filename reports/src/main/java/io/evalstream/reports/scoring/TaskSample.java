package io.evalstream.reports.scoring;

import io.evalstream.contracts.TaskId;

/** One entry of the latest-grade table: a task and its latest graded sample. */
public record TaskSample(TaskId task, GradedSample sample) {

    /**
     * The samples as {@code scorer} graded them (see {@link GradedSample#scoredBy}), leaving out those it did not
     * grade; every sample as it is when {@code scorer} is null.
     */
    public static Iterable<TaskSample> scoredBy(Iterable<TaskSample> samples, String scorer) {
        if (scorer == null) {
            return samples;
        }
        java.util.List<TaskSample> scored = new java.util.ArrayList<>();
        for (TaskSample each : samples) {
            each.sample().scoredBy(scorer).ifPresent(sample -> scored.add(new TaskSample(each.task(), sample)));
        }
        return scored;
    }
}
