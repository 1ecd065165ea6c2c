package io.evalstream.reports.analysis;

import io.evalstream.contracts.TaskId;

/** What pairs two models' samples of one benchmark: the same item, prompt variant and sample number. */
public record PairKey(String itemId, String variant, int sample) {

    public static PairKey of(TaskId task) {
        return new PairKey(task.itemId(), task.variant(), task.sample());
    }
}
