package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.TaskId;

/** One entry of the latest-grade table: a task and its latest graded sample. */
public record TaskSample(TaskId task, GradedSample sample) {
}
