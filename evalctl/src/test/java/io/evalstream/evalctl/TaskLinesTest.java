package io.evalstream.evalctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class TaskLinesTest {

    static String task(String itemId, String prompt) {
        return """
                {"schemaVersion":1,"taskId":"adhoc-1/sim-strong/gsm8k/%s/default/0","purpose":"EVAL",\
                "prompt":"%s","extraction":"NUMERIC","reference":"42","category":"MATH","settings":{"shots":0},\
                "settingsHash":"adhoc"}""".formatted(itemId, prompt);
    }

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("empty file", "", List.of(), List.of()),
                Arguments.of("one task", task("q1", "17 + 25?"), List.of(1), List.of()),
                Arguments.of("blank lines are skipped, numbers stay the file's",
                        "\n" + task("q1", "a") + "\n\n  \n" + task("q2", "b") + "\n", List.of(2, 5), List.of()),
                Arguments.of("not JSON", task("q1", "a") + "\nhello\n", List.of(1), List.of("line 2: ", "JSON")),
                Arguments.of("a field missing", task("q1", "a").replace("\"prompt\":\"a\",", ""), List.of(),
                        List.of("line 1: ", "prompt")),
                Arguments.of("a task id twice", task("q1", "a") + "\n" + task("q1", "b"), List.of(1),
                        List.of("line 2: task id adhoc-1/sim-strong/gsm8k/q1/default/0 is already on line 1")),
                Arguments.of("non-ASCII prompt", task("q1", "İstanbul'da 17 + 25 kaç eder?"), List.of(1), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void eachLineIsATaskOrAProblemNamingItsLineNumber(String name, String text, List<Integer> validLines,
            List<String> problemFragments) {
        TaskLines lines = TaskLines.parse(text);
        assertThat(lines.tasks()).extracting(TaskLines.Task::line).containsExactlyElementsOf(validLines);
        if (problemFragments.isEmpty()) {
            assertThat(lines.problems()).isEmpty();
        } else {
            assertThat(lines.problems()).hasSize(1);
            assertThat(lines.problems().getFirst()).contains(problemFragments);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void theRecordKeyIsTheTaskIdAndTheValueTheLineAsWritten(String name, String text, List<Integer> validLines,
            List<String> problemFragments) {
        List<String> fileLines = text.lines().toList();
        for (TaskLines.Task task : TaskLines.parse(text).tasks()) {
            assertThat(new String(task.json(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(fileLines.get(task.line() - 1).strip())
                    .contains("\"taskId\":\"" + task.taskId() + "\"");
        }
    }
}
