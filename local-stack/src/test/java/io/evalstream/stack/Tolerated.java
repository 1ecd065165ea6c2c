package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.Topics;
import io.evalstream.stack.PoisonRecords.Poison;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Records beside the poison that are odd but valid, and must be processed, not dead-lettered: an identical
 * redelivery, unknown fields in a known version, a task without a key, an ad-hoc task of a run without a manifest.
 */
record Tolerated(Poison redelivered, Poison unknownFieldNoKey, Poison adHoc, Poison completion, Poison grade,
        Poison manifest) {

    static Tolerated of(String runId, Map<String, List<ConsumerRecord<String, byte[]>>> real, ObjectNode task,
            ObjectNode completion, ObjectNode grade, ObjectNode manifest) {
        ConsumerRecord<String, byte[]> first = real.get(Topics.TASKS).get(0);
        ConsumerRecord<String, byte[]> second = real.get(Topics.TASKS).get(1);
        String adHocId = runId + "-adhoc/sim-strong/gsm8k/adhoc-1/default/0";
        ObjectNode adHoc = task.deepCopy().put("taskId", adHocId);
        return new Tolerated(
                new Poison(Topics.TASKS, "identical redelivery", utf8(first.key()), first.value(), null),
                new Poison(Topics.TASKS, "unknown field, no key", null,
                        withUnknownField(PoisonInputTest.object(second)), null),
                new Poison(Topics.TASKS, "ad-hoc run", utf8(adHocId), json(adHoc), null),
                new Poison(Topics.COMPLETIONS, "unknown field", utf8(completion.path("task").path("taskId").asText()),
                        withUnknownField(completion), null),
                new Poison(Topics.GRADES, "unknown field", utf8(grade.path("taskId").asText()),
                        withUnknownField(grade), null),
                new Poison(Topics.RUNS, "unknown field", utf8(runId), withUnknownField(manifest), null));
    }

    List<Poison> records() {
        return List.of(redelivered, unknownFieldNoKey, adHoc, completion, grade, manifest);
    }

    /**
     * None is on the DLQ; tasks got completions again, the completion a grade again, the ad-hoc task a grade (counting
     * what the services wrote, not the {@code pushed} records the test wrote with the same keys).
     */
    void assertProcessed(List<ConsumerRecord<String, byte[]>> deadLetters, List<Poison> pushed, String bootstrap) {
        assertThat(records()).allSatisfy(row -> assertThat(deadLetters).as(row.topic() + " / " + row.name())
                .noneMatch(letter -> Arrays.equals(letter.value(), row.value())));
        List<ConsumerRecord<String, byte[]>> completions = written(TopicReader.readAll(bootstrap, Topics.COMPLETIONS),
                pushed);
        assertThat(count(completions, redelivered.keyText())).as("completions of the redelivered task").isEqualTo(2);
        String secondId = PoisonInputTest.object(record(unknownFieldNoKey)).path("taskId").asText();
        assertThat(count(completions, secondId)).as("completions of the task without a key").isEqualTo(2);
        assertThat(count(completions, adHoc.keyText())).as("completions of the ad-hoc task").isEqualTo(1);
        List<ConsumerRecord<String, byte[]>> grades = written(TopicReader.readAll(bootstrap, Topics.GRADES), pushed);
        assertThat(count(grades, completion.keyText())).as("grades of the completion with an unknown field")
                .isGreaterThanOrEqualTo(2);
        assertThat(count(grades, adHoc.keyText())).as("grades of the ad-hoc task").isEqualTo(1);
    }

    private List<ConsumerRecord<String, byte[]>> written(List<ConsumerRecord<String, byte[]>> records,
            List<Poison> pushed) {
        return records.stream().filter(record -> Stream.concat(pushed.stream(), records().stream())
                .noneMatch(row -> Arrays.equals(row.value(), record.value()))).toList();
    }

    private static ConsumerRecord<String, byte[]> record(Poison row) {
        return new ConsumerRecord<>(row.topic(), 0, 0, row.keyText(), row.value());
    }

    private static long count(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(record -> key.equals(record.key())).count();
    }

    private static byte[] withUnknownField(ObjectNode record) {
        return json(record.deepCopy().put("addedInV1_9", "a field this version does not know"));
    }

    private static byte[] json(ObjectNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a record", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
