package io.evalstream.contracts;

import java.util.List;

/**
 * The topics of evalstream. Keys are UTF-8 strings, values UTF-8 JSON in the {@link Json} form.
 * <ul>
 *   <li>{@value #RUNS}: key runId, value {@link RunManifest}; compacted, so the latest manifest of every run stays.</li>
 *   <li>{@value #TASKS}: key {@link TaskId}, value {@link PromptTask}; outside producers may write here.</li>
 *   <li>{@value #COMPLETIONS}: key {@link TaskId}, value {@link Completion}, success or terminal error.</li>
 *   <li>{@value #GRADES}: key {@link TaskId}, value {@link Grade}.</li>
 *   <li>{@value #METRICS}: key {@link ScoreKey}, value {@link BenchmarkScore}; compacted.</li>
 *   <li>{@value #STOPS}: key {@code runId/benchmarkId}, value {@link StopDecision}; compacted, written once per key
 *       when a run's stop rule decides that benchmark's comparison.</li>
 *   <li>{@value #BATCHES}: key {@code inputFileId#part}, value the model worker's own record of a batch in flight at
 *       a provider's Batch API (its input file id, its id once created, model, tasks partition and that part of its
 *       tasks); compacted, tombstoned once the batch's completions are written. Only model workers read and write
 *       it.</li>
 *   <li>{@value #SPEND}: key {@code runId/modelId/instance}, value {@link SpendReport}; compacted: what one worker
 *       process has spent and holds in flight on a model for a run with a budget, so every replica sees the rest.</li>
 *   <li>{@value #DLQ}: the original key and raw value of every record that could not be read, with
 *       {@link DeadLetter} headers naming the reason and the source topic, partition and offset.</li>
 * </ul>
 */
public final class Topics {

    public static final String RUNS = "evalstream.runs";
    public static final String TASKS = "evalstream.tasks";
    public static final String COMPLETIONS = "evalstream.completions";
    public static final String GRADES = "evalstream.grades";
    public static final String METRICS = "evalstream.metrics";
    public static final String STOPS = "evalstream.stops";
    public static final String BATCHES = "evalstream.batches";
    public static final String SPEND = "evalstream.spend";
    public static final String DLQ = "evalstream.dlq";

    /** A topic and whether it is compacted (latest value per key) rather than deleted by time. */
    public record Definition(String name, boolean compacted) {
    }

    public static final List<Definition> ALL = List.of(
            new Definition(RUNS, true),
            new Definition(TASKS, false),
            new Definition(COMPLETIONS, false),
            new Definition(GRADES, false),
            new Definition(METRICS, true),
            new Definition(STOPS, true),
            new Definition(BATCHES, true),
            new Definition(SPEND, true),
            new Definition(DLQ, false));

    private Topics() {
    }
}
