package io.evalstream.worker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.WireFormat;
import io.evalstream.worker.Tasks;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class TaskAdmissionTest {

    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);
    private static final ModelBackend ANY = new FakeBackend(task -> CompletableFuture.completedStage(null));
    private static final TaskAdmission ADMISSION = new TaskAdmission(new ModelRouter(Map.of(
            "sim-strong", ANY, "sim-weak", ANY)));
    private static final PromptTask SERVED = Tasks.numeric("run-7", "sim-strong", "q1", "72");
    private static final PromptTask UNSERVED = Tasks.choice("run-7", "gpt-9", "q2", "B");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            served task with its id as key  | SERVED   | run-7/sim-strong/gsm8k/q1/default/0 | ok
            served task without a key       | SERVED   | null                                | ok
            key of another task             | SERVED   | run-7/sim-strong/gsm8k/q2/default/0 | record key 'run-7/sim-strong/gsm8k/q2/default/0' differs from the task's taskId 'run-7/sim-strong/gsm8k/q1/default/0'
            model not served here           | UNSERVED | run-7/gpt-9/mmlu/q2/default/0       | model 'gpt-9' is not configured on this worker; configured: [sim-strong, sim-weak]
            not JSON                        | not json | k                                   | not a valid JSON PromptTask
            empty value                     |          | k                                   | empty record
            JSON of the wrong shape         | [1,2,3]  | k                                   | a PromptTask is a JSON object, got an array
            task missing its prompt         | NO_PROMPT| k                                   | field 'prompt'
            """)
    void admitsOnlyValidTasksForServedModelsUnderTheirOwnKey(String name, String value, String key, String expected) {
        Decoded<PromptTask> decoded = ADMISSION.admit(key, bytes(value));

        if (expected.equals("ok")) {
            assertThat(decoded).isInstanceOfSatisfying(Decoded.Valid.class,
                    valid -> assertThat(valid.value()).isEqualTo(SERVED));
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
