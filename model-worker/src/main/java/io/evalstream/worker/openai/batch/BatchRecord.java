package io.evalstream.worker.openai.batch;

import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One part of the record of a batch at the provider, on the compacted batches topic (key {@link #key()}, by the input
 * file, which exists before the batch): what a worker needs to resume the batch and to write its completions without
 * calling anyone again. The record is written before the batch is created (no batch id yet) and part 0 again once it
 * is, so a worker stopped in between leaves a record the next one can finish: it looks the batch up by its input file
 * and creates it only if the provider has none. The tasks are split
 * over {@code parts} records so that none nears the 1 MB a producer sends by default; the batch is complete on the
 * topic only when every part is there (parts are written first to last, and tombstoned when the batch is done).
 *
 * @param batchId   the provider's id; null until the batch is created
 * @param partition the tasks partition the batch's tasks came from: its owner resumes the batch
 * @param part      0-based
 */
public record BatchRecord(String batchId, String modelId, String inputFileId, int partition, int part, int parts,
        Instant submittedAt, List<PromptTask> tasks) {

    /** Bytes of tasks per part: well under a producer's default 1 MB request, with room for the rest. */
    static final int PART_BYTES = 900_000;

    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);

    public BatchRecord {
        Objects.requireNonNull(inputFileId, "inputFileId");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(submittedAt, "submittedAt");
        if (part < 0 || part >= parts) {
            throw new IllegalArgumentException("part must be in [0, " + parts + "), got " + part);
        }
        tasks = List.copyOf(tasks);
    }

    /** The key on the batches topic: one per part, so compaction keeps every part. */
    public String key() {
        return key(inputFileId, part);
    }

    static String key(String inputFileId, int part) {
        return inputFileId + "#" + part;
    }

    /** The parts of a batch's record, each holding tasks of at most {@code partBytes} encoded (a bigger task alone). */
    static List<BatchRecord> parts(String batchId, String modelId, String inputFileId, int partition,
            Instant submittedAt, List<PromptTask> tasks, int partBytes) {
        List<List<PromptTask>> chunks = new ArrayList<>();
        List<PromptTask> chunk = new ArrayList<>();
        long bytes = 0;
        for (PromptTask task : tasks) {
            int size = TASKS.encode(task).length;
            if (!chunk.isEmpty() && bytes + size > partBytes) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(task);
            bytes += size;
        }
        chunks.add(chunk);
        List<BatchRecord> parts = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            parts.add(new BatchRecord(batchId, modelId, inputFileId, partition, i, chunks.size(), submittedAt,
                    chunks.get(i)));
        }
        return parts;
    }
}
