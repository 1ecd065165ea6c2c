package io.evalstream.grader.regrade;

import static io.evalstream.grader.Fixtures.ok;
import static io.evalstream.grader.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.benchmarks.grading.Grader;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.RegradeReport.ScorerChange;
import io.evalstream.contracts.Scorer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class FlipsTest {

    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final List<Scorer> BOTH = List.of(new Scorer("flexible", "numeric", "numeric_equal"),
            new Scorer("strict", "answer_is", "numeric_equal"));
    private static final List<Scorer> FLEXIBLE = BOTH.subList(0, 1);

    /** One task graded before by {@code before}'s scorers on {@code was}, now by both on {@code now}. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            scorer added, nothing else            | default | The answer is 18. | The answer is 18. | 0 | 0 | 0 | 1
            headline flips, strict added          | default | 18                | The answer is 16. | 1 | 0 | 0 | 1
            both kept, strict flips               | both    | The answer is 18. | 9 * 2 = 18        | 0 | 0 | 1 | 0
            a named headline kept by its name     | named   | 18                | 18                | 0 | 0 | 0 | 1
            """)
    void countsFlipsPerScorerAgainstTheVerdictOfTheSameScorerOrTheOldHeadline(String what, String before,
            String was, String now, long headlineFlips, long headlineAdded, long strictFlips, long strictAdded) {
        PromptTask task = task("run-1", "gsm8k-1", Extraction.NUMERIC, "18");
        Grade previous = switch (before) {
            case "default" -> Grader.grade(ok(task, was), AT);
            case "both" -> Grader.regrade(ok(task, was), BOTH, AT);
            default -> Grader.regrade(ok(task, was), List.of(FLEXIBLE.getFirst(), new Scorer("lenient", "numeric",
                    "exact_match")), AT);
        };
        Grade regraded = Grader.regrade(ok(task, now), BOTH, AT);

        List<ScorerChange> changes = Flips.between(Map.of(task.taskId().toString(), previous), List.of(regraded));

        assertThat(changes).extracting(ScorerChange::scorer).containsExactly("flexible", "strict");
        assertThat(changes.get(0).flips()).as("headline flips").isEqualTo(headlineFlips);
        assertThat(changes.get(0).added()).as("headline added").isEqualTo(headlineAdded);
        assertThat(changes.get(1).flips()).as("strict flips").isEqualTo(strictFlips);
        assertThat(changes.get(1).added()).as("strict added").isEqualTo(strictAdded);
        assertThat(changes.get(1).samples()).hasSize((int) strictFlips);
    }
}
