package io.evalstream.worker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.WireFormat;
import io.evalstream.worker.Tasks;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class TaskAdmissionTest {

    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);
    private static final PromptTask SERVED = Tasks.numeric("run-7", "sim-strong", "q1", "72");
    private static final PromptTask UNSERVED = Tasks.choice("run-7", "gpt-9", "q2", "B");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            served task with its id as key  | SERVED   | run-7/sim-strong/gsm8k/q1/default/0 | ok
            served task without a key       | SERVED   | null                                | ok
            key of another task             | SERVED   | run-7/sim-strong/gsm8k/q2/default/0 | record key 'run-7/sim-strong/gsm8k/q2/default/0' differs from the task's taskId 'run-7/sim-strong/gsm8k/q1/default/0'
            model not served here           | UNSERVED | run-7/gpt-9/mmlu/q2/default/0       | ok
            not JSON                        | not json | k                                   | not a valid JSON PromptTask
            empty value                     |          | k                                   | empty record
            JSON of the wrong shape         | [1,2,3]  | k                                   | a PromptTask is a JSON object, got an array
            task missing its prompt         | NO_PROMPT| k                                   | field 'prompt'
            """)
    void admitsValidTasksUnderTheirOwnKeyWhateverTheirModel(String name, String value, String key, String expected) {
        Decoded<PromptTask> decoded = TaskAdmission.admit(key, bytes(value));

        if (expected.equals("ok")) {
            // A model no worker serves is admitted: the router ends its task as an error completion its run counts.
            assertThat(decoded).isInstanceOfSatisfying(Decoded.Valid.class,
                    valid -> assertThat(valid.value()).isEqualTo(value.equals("UNSERVED") ? UNSERVED : SERVED));
        } else {
            assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class,
                    invalid -> assertThat(invalid.reason()).contains(expected));
        }
    }

    private static byte[] bytes(String value) {
        return switch (value == null ? "" : value) {
            case "SERVED" -> TASKS.encode(SERVED);
            case "UNSERVED" -> TASKS.encode(UNSERVED);
            case "NO_PROMPT" -> TASKS.encodeToString(SERVED).replaceFirst("\"prompt\":\"[^\"]*\",", "")
                    .getBytes(StandardCharsets.UTF_8);
            default -> value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        };
    }
}
