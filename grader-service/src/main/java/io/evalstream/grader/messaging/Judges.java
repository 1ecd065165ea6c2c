package io.evalstream.grader.messaging;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.Verdict;
import io.evalstream.grader.judging.JudgedGrades;
import io.evalstream.grader.judging.Rubric;
import io.evalstream.grader.judging.Rubrics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Grades answers judged on a rubric and the replies of judge models. An answer for the automatic judge is judged
 * here; one for a judge model becomes a judge task, and its grade is made when the judge's completion comes back.
 */
@ApplicationScoped
public class Judges {

    private final AutoJudges auto;
    private final JudgeRequests requests;
    private final JudgeMetrics metrics;

    Judges(AutoJudges auto, JudgeRequests requests, JudgeMetrics metrics) {
        this.auto = auto;
        this.requests = requests;
        this.metrics = metrics;
    }

    /** True for the completions graded here: of a rubric task, or of a judge task. */
    static boolean judges(Completion completion) {
        return completion.task().judging() != null;
    }

    /**
     * @return the grade to publish (for a judge's completion, the subject's grade), or empty once a judge task has
     *         been published for the answer and acknowledged (the grade comes with the judge's completion)
     * @throws io.evalstream.contracts.InvalidRecordException right away for a task no rubric here can grade
     */
    Uni<Optional<Grade>> grade(Completion completion) {
        if (completion.task().purpose() == Purpose.JUDGE) {
            return Uni.createFrom().item(Optional.of(fromJudge(completion)));
        }
        Rubric rubric = Rubrics.of(completion.task());
        Optional<Grade> direct = JudgedGrades.withoutJudge(completion, Instant.now());
        if (direct.isPresent()) {
            return Uni.createFrom().item(direct);
        }
        if (completion.task().judging().automatic()) {
            return auto.grade(completion).map(Optional::of);
        }
        String judge = completion.task().judging().judge();
        return requests.ask(completion, rubric).invoke(() -> metrics.count(judge, JudgeMetrics.ASKED))
                .replaceWith(Optional.empty());
    }

    private Grade fromJudge(Completion reply) {
        Grade grade = JudgedGrades.fromJudge(reply, Instant.now());
        String judge = reply.taskId().modelId();
        metrics.time(judge, Duration.ofMillis(reply.latencyMillis()));
        metrics.count(judge, grade.verdict() == Verdict.JUDGED ? JudgeMetrics.JUDGED
                : reply.status() == CompletionStatus.ERROR ? JudgeMetrics.FAILED : JudgeMetrics.UNREADABLE);
        return grade;
    }
}
