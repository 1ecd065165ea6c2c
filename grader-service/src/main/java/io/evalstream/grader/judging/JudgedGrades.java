package io.evalstream.grader.judging;

import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.Judgement;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.Marking;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.Texts;
import io.evalstream.contracts.Verdict;
import java.time.Instant;
import java.util.Optional;

/**
 * Grades of answers judged on a rubric. Every grade here is the SUBJECT's (the judged EVAL completion's): keyed by
 * its taskId, with its latency, simulated flag, category, subset and settings hash, whichever completion (the
 * subject's or its judge's) it was made from.
 */
public final class JudgedGrades {

    /**
     * Bumped whenever a rubric's prompt, parser or automatic scales change what they give. 2: the answer between
     * markers in the judge prompt, and only the reply's final score block read (issue 24).
     */
    static final int VERSION = 2;
    /** The continuation kept on a grade: a 128-token story fits; a runaway one is cut. */
    static final int MAX_EXTRACTED = 1_000;
    /** A detail says why in a line or two, never a whole reply. */
    static final int MAX_DETAIL = 280;

    private JudgedGrades() {
    }

    /** {@code text/rubric:<rubric>:<judge>@<version>}, e.g. {@code text/rubric:tinystories:auto@1}. */
    public static String graderName(Judging judging) {
        return "text/rubric:" + judging.rubric() + ":" + judging.judge() + "@" + VERSION;
    }

    /** The answer a judge reads: the whole completion, trimmed. */
    public static String answer(Completion subject) {
        return subject.text().strip();
    }

    /**
     * The grade of a rubric task that needs no judge: ERROR for a failed model call (with its kind), NO_ANSWER for
     * a blank completion (there is nothing to judge, and no judge is asked); empty when the answer must be judged.
     */
    public static Optional<Grade> withoutJudge(Completion subject, Instant gradedAt) {
        if (subject.status() == CompletionStatus.ERROR) {
            return Optional.of(grade(subject, Verdict.ERROR, null, subject.error().kind(),
                    subject.error().message(), gradedAt));
        }
        if (subject.text().isBlank()) {
            return Optional.of(grade(subject, Verdict.NO_ANSWER, null, null,
                    "the completion is blank: nothing to judge", gradedAt));
        }
        return Optional.empty();
    }

    /** A JUDGED grade with the judgement's normalized score. */
    public static Grade judged(Completion subject, Judgement judgement, String detail, Instant gradedAt) {
        return grade(subject, Verdict.JUDGED, judgement, null, detail, gradedAt);
    }

    /**
     * The grade of an answer the automatic judge could not judge (its tools did not load): ERROR of kind UNGRADABLE
     * with the reason as its detail, so its run counts it.
     */
    public static Grade ungradable(Completion subject, String reason, Instant gradedAt) {
        return grade(subject, Verdict.ERROR, null, ErrorKind.UNGRADABLE, reason, gradedAt);
    }

    /**
     * The subject's grade from its judge's completion: JUDGED with the scores the rubric reads in the reply; ERROR
     * (MALFORMED_RESPONSE) when the reply cannot be read; ERROR with the judge's error kind when the judge failed
     * (NO_WORKER_FOR_MODEL when no worker serves the judge model), the detail naming the judge.
     *
     * @throws IllegalArgumentException when the completion is not a judge's
     */
    public static Grade fromJudge(Completion judgeCompletion, Instant gradedAt) {
        PromptTask judgeTask = judgeCompletion.task();
        if (judgeTask.purpose() != Purpose.JUDGE) {
            throw new IllegalArgumentException("task " + judgeTask.taskId() + " is not a judge task");
        }
        Completion subject = judgeTask.subject();
        String judge = judgeTask.taskId().modelId();
        if (judgeCompletion.status() == CompletionStatus.ERROR) {
            return grade(subject, Verdict.ERROR, null, judgeCompletion.error().kind(),
                    "judge " + judge + " failed: " + judgeCompletion.error().message(), gradedAt);
        }
        Rubric rubric = Rubrics.of(subject.task());
        return switch (rubric.read(judgeCompletion.text())) {
            case JudgeReply.Read read -> judged(subject, new Judgement(judge, rubric.id(), read.scores(),
                    read.labels(), null), read.note(), gradedAt);
            case JudgeReply.Unreadable unreadable -> grade(subject, Verdict.ERROR, null,
                    ErrorKind.MALFORMED_RESPONSE, "judge " + judge + ": " + unreadable.reason(), gradedAt);
        };
    }

    private static Grade grade(Completion subject, Verdict verdict, Judgement judgement, ErrorKind errorKind,
            String detail, Instant gradedAt) {
        PromptTask task = subject.task();
        double score = judgement == null ? 0.0 : judgement.normalizedScore();
        String extracted = subject.status() == CompletionStatus.OK && !subject.text().isBlank()
                ? Texts.abbreviate(answer(subject), MAX_EXTRACTED) : null;
        return Grade.of(task.taskId(), new Marking(verdict, score, extracted, task.reference()),
                GradeContext.of(task, graderName(task.judging()), gradedAt), CallFacts.of(subject),
                new Evidence(errorKind, judgement, Texts.abbreviate(detail, MAX_DETAIL), null)).recording(subject);
    }
}
