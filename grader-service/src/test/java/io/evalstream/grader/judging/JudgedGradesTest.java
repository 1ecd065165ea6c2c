package io.evalstream.grader.judging;

import static io.evalstream.grader.Fixtures.failed;
import static io.evalstream.grader.Fixtures.ok;
import static io.evalstream.grader.Fixtures.storyTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.Answer;
import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.ModelError;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Verdict;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class JudgedGradesTest {

    private static final Instant AT = Instant.parse("2026-11-21T12:00:00Z");
    private static final String BEGINNING = "Lily had a red ball. She liked to throw it high in the sky. But one day, the ball";
    private static final String CONTINUATION = " fell into the pond. Lily was sad, but a duck pushed it back to her.";

    private final PromptTask story = storyTask("run-j", "s02", BEGINNING, "judge-model");
    private final Completion subject = ok(story, CONTINUATION);

    @Test
    void gradesTheSubjectFromAReadableJudgeReply() {
        Grade grade = JudgedGrades.fromJudge(judgeReply("Nice.\nGrammar: 9/10\nCreativity: 6/10\nConsistency: 9/10\n"
                + "Age group: C (6-7)"), AT);

        assertThat(grade.taskId()).isEqualTo(subject.taskId());
        assertThat(grade.verdict()).isEqualTo(Verdict.JUDGED);
        assertThat(grade.marking().score()).isEqualTo((8.0 - 1) / 9);
        assertThat(grade.context().grader()).isEqualTo("text/rubric:tinystories:judge-model@2");
        assertThat(grade.marking().extracted()).isEqualTo(CONTINUATION.strip());
        assertThat(grade.marking().reference()).isEqualTo(BEGINNING);
        assertThat(grade.call().latencyMillis()).isEqualTo(subject.latencyMillis());
        assertThat(grade.context().settingsHash()).isEqualTo(story.settingsHash());
        assertThat(grade.evidence().judgement().judge()).isEqualTo("judge-model");
        assertThat(grade.evidence().judgement().scores()).isEqualTo(Map.of("grammar", 9.0, "creativity", 6.0,
                "consistency", 9.0));
        assertThat(grade.evidence().judgement().labels()).isEqualTo(Map.of("age_group", "C: 6-7"));
        assertThat(grade.evidence().detail()).isNull();
    }

    @Test
    void gradesTheSubjectErrorWhenTheJudgeReplyCannotBeRead() {
        Grade grade = JudgedGrades.fromJudge(judgeReply("Grammar: 9/10\nCreativity: great!\n"), AT);

        assertThat(grade.taskId()).isEqualTo(subject.taskId());
        assertThat(grade.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(grade.evidence().errorKind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(grade.evidence().detail()).startsWith("judge judge-model: judge reply unreadable: it does not end with the"
                + " score block; its last line is 'Creativity: great!'");
        assertThat(grade.marking().extracted()).isEqualTo(CONTINUATION.strip());
    }

    @Test
    void gradesTheSubjectErrorWithTheJudgesKindWhenTheJudgeFailed() {
        PromptTask judgeTask = PromptTask.judgeTask(subject, "judge-model", "prompt", 256);

        Grade grade = JudgedGrades.fromJudge(failed(judgeTask, ErrorKind.RATE_LIMITED), AT);

        assertThat(grade.taskId()).isEqualTo(subject.taskId());
        assertThat(grade.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(grade.evidence().errorKind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(grade.evidence().detail()).isEqualTo("judge judge-model failed: no answer after 3 attempts");
    }

    @Test
    void gradesTheSubjectNoWorkerForModelNamingTheJudgeWhenNoWorkerServesIt() {
        PromptTask judgeTask = PromptTask.judgeTask(subject, "judge-nobody-serves", "prompt", 256);
        Completion unserved = Completion.failed(judgeTask, new ModelError(ErrorKind.NO_WORKER_FOR_MODEL,
                "model 'judge-nobody-serves' is not configured on this worker; configured: [sim-strong]"), "none", 0, 1);

        Grade grade = JudgedGrades.fromJudge(unserved, AT);

        assertThat(grade.taskId()).isEqualTo(subject.taskId());
        assertThat(grade.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(grade.evidence().errorKind()).isEqualTo(ErrorKind.NO_WORKER_FOR_MODEL);
        assertThat(grade.evidence().detail()).isEqualTo("judge judge-nobody-serves failed: model 'judge-nobody-serves' is not"
                + " configured on this worker; configured: [sim-strong]");
    }

    @Test
    void gradesAnAnswerTheAutomaticJudgeCannotJudgeUngradableWithTheReason() {
        Grade grade = JudgedGrades.ungradable(subject, "automatic judge unavailable: its tools did not load", AT);

        assertThat(grade.taskId()).isEqualTo(subject.taskId());
        assertThat(grade.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(grade.marking().score()).isZero();
        assertThat(grade.evidence().errorKind()).isEqualTo(ErrorKind.UNGRADABLE);
        assertThat(grade.evidence().detail()).isEqualTo("automatic judge unavailable: its tools did not load");
    }

    @Test
    void gradesFailedAndBlankAnswersWithoutAJudgeAndAsksForTheRest() {
        Grade failedCall = JudgedGrades.withoutJudge(failed(story, ErrorKind.TIMEOUT), AT).orElseThrow();
        Grade blank = JudgedGrades.withoutJudge(ok(story, " \n "), AT).orElseThrow();

        assertThat(failedCall.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(failedCall.evidence().errorKind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failedCall.context().grader()).isEqualTo("text/rubric:tinystories:judge-model@2");
        assertThat(blank.verdict()).isEqualTo(Verdict.NO_ANSWER);
        assertThat(blank.evidence().detail()).isEqualTo("the completion is blank: nothing to judge");
        assertThat(JudgedGrades.withoutJudge(subject, AT)).isEmpty();
        assertThat(JudgedGrades.withoutJudge(ok(story, "ran"), AT)).isEmpty();
    }

    @Test
    void cutsARunawayContinuationOnTheGrade() {
        Completion runaway = ok(story, " and the ball".repeat(500));
        Grade grade = JudgedGrades.fromJudge(Completion.of(PromptTask.judgeTask(runaway, "judge-model", "p", 256),
                Answer.ok("Grammar: 2\nCreativity: 1\nConsistency: 3"), ModelCall.now("sim", true, 10, 1,
                        TokenUsage.NONE)), AT);

        assertThat(grade.marking().extracted()).hasSize(JudgedGrades.MAX_EXTRACTED).endsWith("…");
    }

    @Test
    void refusesATaskOnAnUnknownRubricOrWithAnotherExtraction() {
        PromptTask unknown = PromptTask.of(story.taskId(), story.purpose(), story.prompt(),
                new AnswerKey(story.extraction(), story.metric(), story.reference(), story.aliases(), null),
                new TaskSetup(story.category(), null, story.settings(), story.settingsHash(), new Judging("mt-bench",
                Judging.AUTO)));

        PromptTask answerLine = PromptTask.of(story.taskId(), story.purpose(), story.prompt(),
                new AnswerKey(Extraction.ANSWER_LINE.name(), story.metric(), story.reference(), story.aliases(), null),
                new TaskSetup(story.category(), null, story.settings(), story.settingsHash(), story.judging()));

        assertThatThrownBy(() -> Rubrics.of(unknown)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("unknown rubric 'mt-bench'; this grader knows tinystories");
        assertThatThrownBy(() -> Rubrics.of(answerLine)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field 'task.extraction' must be TEXT for metric RUBRIC");
        assertThat(JudgedGrades.graderName(new Judging("tinystories", Judging.AUTO)))
                .isEqualTo("text/rubric:tinystories:auto@2");
    }

    private Completion judgeReply(String reply) {
        PromptTask judgeTask = PromptTask.judgeTask(subject, "judge-model",
                new TinyStoriesRubric().judgePrompt(BEGINNING, JudgedGrades.answer(subject),
                        new AnswerMarkers("0123456789abcdef0123456789abcdef")), 256);
        return Completion.of(judgeTask, Answer.ok(reply), ModelCall.now("sim", true, 900, 1, TokenUsage.NONE));
    }
}
