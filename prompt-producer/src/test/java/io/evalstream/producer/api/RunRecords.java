package io.evalstream.producer.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A run's records as an outside consumer reads them back from the topics. */
final class RunRecords {

    private static final WireFormat<PromptTask> TASK = WireFormat.of(PromptTask.class);
    private static final WireFormat<RunManifest> MANIFEST = WireFormat.of(RunManifest.class);
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private RunRecords() {
    }

    /** The run's tasks once {@code count} distinct ones arrived, each keyed by its task id. */
    static List<PromptTask> tasks(String bootstrapServers, String runId, int count) {
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.TASKS)) {
            return tasks(reader.readKeys(key -> key.startsWith(runId + "/"), count, DEADLINE));
        }
    }

    static RunManifest manifest(String bootstrapServers, String runId) {
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.RUNS)) {
            return manifest(reader.readKeys(runId::equals, 1, DEADLINE));
        }
    }

    /** The tasks among {@code records}, each keyed by its task id. */
    static List<PromptTask> tasks(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> {
            PromptTask task = decode(TASK, record.value());
            assertThat(record.key()).isEqualTo(task.taskId().toString());
            return task;
        }).toList();
    }

    /** The one manifest among {@code records}. */
    static RunManifest manifest(List<ConsumerRecord<String, byte[]>> records) {
        assertThat(records).as("manifests of the run").hasSize(1);
        return decode(MANIFEST, records.getFirst().value());
    }

    static PromptTask find(List<PromptTask> tasks, TaskId id) {
        return tasks.stream().filter(task -> task.taskId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + id + " among " + tasks.size()));
    }

    private static <T> T decode(WireFormat<T> format, byte[] bytes) {
        return switch (format.decode(bytes)) {
            case Decoded.Valid<T> valid -> valid.value();
            case Decoded.Invalid<T> invalid -> throw new AssertionError("unreadable record: " + invalid.reason());
        };
    }
}
