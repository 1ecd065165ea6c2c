package io.evalstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.benchmarks.grading.Grader;
import io.evalstream.contracts.Answer;
import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: the headline may be any registered scorer. A GSM8K-style definition headlined by {@code last_number}, an
 * extractor added to the registry alone, loads; its tasks carry that name and are graded by it, with no change to
 * contracts.
 */
@Timeout(20)
class AddedHeadlineTest {

    private static final String DEFINITION = """
            id: test
            description: A test benchmark.
            category: math
            source: {path: t/d.jsonl}
            reference: a
            variants: {default: {question: "Q: {{q}}"}}
            scorers:
              - {name: flexible, extraction: %s, metric: numeric_equal}
              - {name: strict, extraction: answer_is, metric: numeric_equal}
            """;

    @Test
    void aDefinitionHeadlinedByAnAddedExtractorLoadsAndItsTasksAreGradedByIt(@TempDir Path dir) {
        Fixtures.write(dir, "t/d.jsonl", "{\"q\": \"9*2?\", \"a\": \"18\"}\n");
        Benchmark added = Fixtures.load(dir, DEFINITION.formatted("last_number"));
        Benchmark builtIn = Fixtures.load(dir, DEFINITION.formatted("numeric"));

        assertThat(added.extraction()).isEqualTo("last_number");
        assertThat(added.metric()).isEqualTo("NUMERIC_EQUAL");
        assertThat(builtIn.extraction()).isEqualTo("NUMERIC");
        assertThat(added.settingsHash("default", added.settings()))
                .isNotEqualTo(builtIn.settingsHash("default", builtIn.settings()));

        PromptTask task = PromptTask.of(TaskId.parse("r1/m/test/" + added.items().getFirst().id() + "/default/0"),
                Purpose.EVAL, "Q: 9*2?", new AnswerKey(added.extraction(), added.metric(), "18", List.of(), null),
                TaskSetup.of(added.category(), added.settings(), added.settingsHash("default",
                added.settings()))).withScorers(added.scorers());
        Grade grade = Grader.grade(Completion.of(task, Answer.ok("The answer is 18. That is 3 more than 15"),
                ModelCall.now("sim", true, 1, 1, TokenUsage.NONE)), Instant.EPOCH);

        assertThat(grade.context().grader()).isEqualTo("last_number/numeric_equal@1");
        assertThat(grade.verdict()).as("the last number, 15").isEqualTo(Verdict.INCORRECT);
        assertThat(grade.scorerVerdicts()).extracting(ScorerVerdict::scorer, ScorerVerdict::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("flexible", Verdict.INCORRECT),
                        org.assertj.core.groups.Tuple.tuple("strict", Verdict.CORRECT));
    }
}
