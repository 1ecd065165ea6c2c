package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class PromptTaskTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            NUMERIC,         NUMERIC_EQUAL
            MULTIPLE_CHOICE, EXACT_MATCH
            ANSWER_LINE,     EXACT_MATCH
            BOXED,           MATH_EQUIVALENCE
            """)
    void aTaskWithoutAMetricIsGradedByItsExtractionsDefault(Extraction extraction, Metric expected) {
        String json = new String(WireFormat.of(PromptTask.class).encode(Samples.task()), StandardCharsets.UTF_8)
                .replace("\"metric\":\"NUMERIC_EQUAL\",", "").replace("\"NUMERIC\"", "\"" + extraction + "\"");
        Decoded<PromptTask> decoded = WireFormat.of(PromptTask.class).decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Valid.class,
                valid -> assertThat(((PromptTask) valid.value()).metric()).isEqualTo(expected.name()));
    }

    @Test
    void codeExecutionNeedsItsCodeCheckAndNothingElseMayCarryOne() {
        PromptTask code = Samples.codeTask();
        assertThatThrownBy(() -> PromptTask.of(code.taskId(), Purpose.EVAL, code.prompt(),
                AnswerKey.of(Extraction.CODE, Metric.CODE_EXECUTION, code.reference(), List.of(), null),
                TaskSetup.of(Category.CODING, code.settings(),
                code.settingsHash()))).hasMessageContaining("field 'code' must be given exactly when");
        assertThatThrownBy(() -> PromptTask.of(code.taskId(), Purpose.EVAL, code.prompt(),
                AnswerKey.of(Extraction.NUMERIC, Metric.NUMERIC_EQUAL, "4", List.of(), code.code()),
                TaskSetup.of(Category.MATH, code.settings(),
                code.settingsHash()))).hasMessageContaining("field 'code' must be given exactly when");
        assertThatThrownBy(() -> PromptTask.of(code.taskId(), Purpose.EVAL, code.prompt(),
                AnswerKey.of(Extraction.ANSWER_LINE, Metric.CODE_EXECUTION, "x", List.of(), code.code()),
                TaskSetup.of(Category.CODING, code.settings(),
                code.settingsHash()))).hasMessageContaining("extraction CODE goes with metric CODE_EXECUTION");
    }

    @Test
    void aRubricNeedsItsJudgeAndAJudgeTaskItsSubjectAndOnlyThen() {
        PromptTask story = Samples.storyTask();
        assertThatThrownBy(() -> PromptTask.of(story.taskId(), Purpose.EVAL, story.prompt(),
                AnswerKey.of(Extraction.TEXT, Metric.RUBRIC, story.reference(), List.of(), null),
                TaskSetup.of(Category.WRITING, story.settings(),
                story.settingsHash()))).hasMessageContaining("field 'judging' must be given exactly when");
        assertThatThrownBy(() -> PromptTask.of(story.taskId(), Purpose.JUDGE, story.prompt(),
                AnswerKey.of(Extraction.TEXT, Metric.RUBRIC, story.reference(), List.of(), null),
                new TaskSetup(Category.WRITING, null, story.settings(), story.settingsHash(),
                story.judging()))).hasMessageContaining("field 'subject'");
        PromptTask judge = Samples.judgeTask();
        Completion judgeReply = Completion.of(judge, Answer.ok("Grammar: 8/10"),
                ModelCall.now("sim", true, 5, 1, TokenUsage.NONE));
        assertThatThrownBy(() -> PromptTask.judgeTask(judgeReply, "other-judge", "Grade this", 64))
                .hasMessageContaining("a judge's answer is not judged again");
        assertThatThrownBy(() -> PromptTask.judgeTask(Samples.completion(), "judge-model", "Grade this", 64))
                .hasMessageContaining("is not judged on a rubric");
    }

    @Test
    void aJudgeTaskIsForTheSubjectsItemInItsOwnVariantAndCarriesTheSubject() {
        PromptTask judge = Samples.judgeTask();
        TaskId subject = Samples.storyTask().taskId();

        assertThat(judge.taskId()).extracting(TaskId::runId, TaskId::modelId, TaskId::benchmarkId, TaskId::itemId,
                TaskId::sample).containsExactly("run-42", "judge-model", "stories", "s01", 0);
        assertThat(judge.taskId().variant()).startsWith(TaskId.JUDGE_VARIANT_PREFIX);
        assertThat(judge.subject()).isEqualTo(Samples.storyCompletion());
        assertThat(judge.settings().temperature()).isZero();
        // Another model's answer to the same item gets its own judge task.
        TaskId otherModel = new TaskId("run-42", "tinystories-656k", "stories", "s01", "default", 0);
        assertThat(otherModel.judgedBy("judge-model")).isNotEqualTo(subject.judgedBy("judge-model"));
    }

    @Test
    void aJudgementScoresOnOneToTenAndNormalisesItsMeanOntoTheUnitInterval() {
        Judgement judgement = Samples.judgedGrade().evidence().judgement();
        assertThat(judgement.normalizedScore()).isCloseTo((7.0 - 1) / 9, org.assertj.core.data.Offset.offset(1e-12));
        assertThatThrownBy(() -> new Judgement("auto", "tinystories", java.util.Map.of("grammar", 11.0), null, null))
                .hasMessageContaining("judgement.scores.grammar");
        assertThatThrownBy(() -> new Judgement("auto", "tinystories", java.util.Map.of(), null, null))
                .hasMessageContaining("at least one rubric dimension");
        assertThatThrownBy(() -> Grade.of(Samples.TASK_ID, new Marking(Verdict.JUDGED, 0.5, null, "x"),
                new GradeContext(Category.WRITING, null, "g", "h", Samples.T), CallFacts.of(1, false), Evidence.NONE))
                .hasMessageContaining("field 'judgement' must be given");
    }

    @Test
    void anEntryPointMustBeAnIdentifierSoItCannotInjectCode() {
        assertThatThrownBy(() -> new CodeCheck("", "def check(c): pass", "f); import os; os.system('x'"))
                .hasMessageContaining("field 'code.entryPoint' must be a Python identifier");
    }

    @Test
    void acceptedAnswersAreTheReferenceThenItsAliases() {
        assertThat(Samples.subsetTask().acceptedAnswers()).containsExactly("Mars", "planet Mars", "Mars (planet)");
        assertThat(Samples.task().acceptedAnswers()).containsExactly("4");
    }

    @Test
    void aBlankAliasIsRejectedNamingItsIndex() {
        PromptTask task = Samples.subsetTask();
        assertThatThrownBy(() -> PromptTask.of(task.taskId(), Purpose.EVAL, task.prompt(),
                new AnswerKey(task.extraction(), task.metric(), task.reference(), List.of("ok", " "), null),
                new TaskSetup(task.category(), task.subset(), task.settings(), task.settingsHash(),
                null))).hasMessageContaining("aliases[1]");
    }

    @Test
    void aCorrectVerdictScoresOneAndAPartialScoreIsIncorrect() {
        Grade grade = Samples.grade();
        assertThatThrownBy(() -> new Marking(Verdict.CORRECT, 0.5, "x", "y")).hasMessageContaining("score");
        assertThat(Grade.of(grade.taskId(), new Marking(Verdict.INCORRECT, 0.5, "x", "y"),
                new GradeContext(Category.MATH, null, "g", "h", grade.context().gradedAt()), CallFacts.of(0, false), Evidence.NONE)
                .marking().score()).isEqualTo(0.5);
    }

    @Test
    void aBenchmarkSelectionListingAVariantTwiceIsRejected() {
        assertThatThrownBy(() -> new BenchmarkSelection("mmlu", null, List.of("a", "a"), null))
                .hasMessageContaining("lists 'a' twice");
    }
}
