package io.evalstream.benchmarks.grading;

import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.Marking;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Scorer;
import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a completion into its grade with the grader its task names by extraction and metric, any pair registered in
 * {@link ScorerRegistry}. Text is graded here, purely; code by running it ({@link #gradeCode}), the run being the
 * caller's.
 */
public final class Grader {

    /** The grader name on every code grade. */
    public static final String CODE_GRADER = ScorerRegistry.graderName(Extraction.CODE.name(),
            Metric.CODE_EXECUTION.name());

    private Grader() {
    }

    /**
     * The grader of a text task.
     *
     * @throws io.evalstream.contracts.InvalidRecordException when no grader reads that extraction with that metric
     */
    public static GradingPipeline pipeline(Extraction extraction, Metric metric) {
        return ScorerRegistry.pipeline(extraction.name(), metric.name());
    }

    /** Every grader name this service can put on a grade, e.g. to register metrics up front. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        names.addAll(ScorerRegistry.pipelineNames());
        names.add(CODE_GRADER);
        names.addAll(LikelihoodGrades.names());
        return List.copyOf(names);
    }

    /**
     * A failed model call is graded ERROR with its error kind and message; a successful one by the task's grader, against
     * the reference and every alias.
     *
     * @param gradedAt the grading time to record, passed in so grading stays a pure function
     * @throws io.evalstream.contracts.InvalidRecordException when the task cannot be graded (a reference its
     *                                                        metric cannot read, or no grader for the pair)
     * @throws IllegalArgumentException                       for a code task: those are graded by {@link #gradeCode}
     */
    public static Grade grade(Completion completion, Instant gradedAt) {
        return grade(completion, completion.task(), gradedAt);
    }

    /**
     * Grades a completion again by other scorers, its benchmark's current ones: no model is asked, and the grade is
     * the one {@link #grade(Completion, Instant)} would give had the task carried these scorers.
     *
     * @param scorers the headline first, which must be the task's own extraction and metric
     * @throws io.evalstream.contracts.InvalidRecordException when the headline differs from the task's (that is a
     *                                                        new settings hash: a new run, not a regrade)
     */
    public static Grade regrade(Completion completion, List<Scorer> scorers, Instant gradedAt) {
        return grade(completion, completion.task().withScorers(scorers), gradedAt);
    }

    private static Grade grade(Completion completion, PromptTask task, Instant gradedAt) {
        if (task.byExecution()) {
            throw new IllegalArgumentException("code tasks are graded by execution; use Grader.gradeCode(completion,"
                    + " runner, gradedAt) for task " + task.taskId());
        }
        if (task.byRubric()) {
            throw new IllegalArgumentException("rubric tasks are graded by a judge (io.evalstream.grader.judging),"
                    + " not by a pipeline: task " + task.taskId());
        }
        if (task.byLikelihood()) {
            return completion.status() == CompletionStatus.OK ? LikelihoodGrades.grade(completion, gradedAt)
                    : failed(completion, task, LikelihoodGrades.name(task.metric()), gradedAt);
        }
        List<GradingPipeline> pipelines = task.scorerList().stream()
                .map(scorer -> ScorerRegistry.pipeline(scorer.extraction(), scorer.metric())).toList();
        String headline = pipelines.getFirst().name();
        return switch (completion.status()) {
            case OK -> scoredByEach(completion, task, pipelines, gradedAt);
            case ERROR -> failed(completion, task, headline, gradedAt);
        };
    }

    /** The headline scorer's grade, carrying every scorer's verdict when the task has more than its default one. */
    private static Grade scoredByEach(Completion completion, PromptTask task, List<GradingPipeline> pipelines,
            Instant gradedAt) {
        List<Outcome> outcomes = pipelines.stream()
                .map(pipeline -> pipeline.grade(task.acceptedAnswers(), completion.text())).toList();
        Grade grade = graded(completion, outcomes.getFirst(), pipelines.getFirst().name(), gradedAt);
        if (task.scorers() == null) {
            return grade;
        }
        List<ScorerVerdict> verdicts = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            verdicts.add(new ScorerVerdict(task.scorers().get(i).name(), outcome.verdict(), outcome.score(),
                    outcome.extracted()));
        }
        return grade.withScores(verdicts, task.scorers());
    }

    /**
     * Grades a code completion by running it: the program is {@link CodePrograms#humanEval} of the extracted code,
     * CORRECT when {@code runner} says it passes, else INCORRECT with the runner's reason as the grade's detail. A
     * failed model call is ERROR and a completion with no code NO_ANSWER, both without running anything.
     *
     * @param runner runs the program in a sandbox; it may block, so call this off the event loop
     * @throws IllegalArgumentException when the task is not a code task
     */
    public static Grade gradeCode(Completion completion, ProgramRunner runner, Instant gradedAt) {
        PromptTask task = completion.task();
        if (!task.byExecution()) {
            throw new IllegalArgumentException("task " + task.taskId() + " is graded by " + task.metric()
                    + ", not by execution; use Grader.grade(completion, gradedAt)");
        }
        if (completion.status() == CompletionStatus.ERROR) {
            return failed(completion, task, CODE_GRADER, gradedAt);
        }
        Outcome outcome = switch (CodeBlocks.extract(completion.text())) {
            case Extracted.Found code -> run(runner, task, code.text());
            case Extracted.Missing missing -> Outcome.noAnswer(missing.reason());
        };
        return graded(completion, outcome, CODE_GRADER, gradedAt);
    }

    /**
     * The grade of a code completion the sandbox could not run at all: ERROR of kind UNGRADABLE with the reason as
     * its detail, so its run counts it (that is no fault of the model, and retrying would fail the same way).
     */
    public static Grade ungradableCode(Completion completion, String reason, Instant gradedAt) {
        PromptTask task = completion.task();
        return Grade.of(task.taskId(), Marking.error(task.reference()), GradeContext.of(task, CODE_GRADER, gradedAt),
                CallFacts.of(completion), Evidence.error(ErrorKind.UNGRADABLE, reason)).recording(completion);
    }

    private static Outcome run(ProgramRunner runner, PromptTask task, String code) {
        ProgramRunner.ProgramRun run = runner.run(CodePrograms.humanEval(task.code(), code));
        return run.passed() ? Outcome.scored(code, 1.0) : Outcome.scored(code, 0.0, run.failure());
    }

    private static Grade graded(Completion completion, Outcome outcome, String grader, Instant gradedAt) {
        PromptTask task = completion.task();
        return Grade.of(task.taskId(), new Marking(outcome.verdict(), outcome.score(), outcome.extracted(),
                task.reference()), GradeContext.of(task, grader, gradedAt), CallFacts.of(completion),
                Evidence.explained(outcome.detail())).recording(completion);
    }

    private static Grade failed(Completion completion, PromptTask task, String grader, Instant gradedAt) {
        // The error's message is the grade's detail, so a report can say why, not just how often.
        Grade grade = Grade.of(task.taskId(), Marking.error(task.reference()), GradeContext.of(task, grader, gradedAt),
                CallFacts.of(completion), Evidence.error(completion.error().kind(), completion.error().message()))
                .recording(completion);
        return task.scorers() == null ? grade : grade.withScores(task.scorers().stream()
                .map(scorer -> new ScorerVerdict(scorer.name(), Verdict.ERROR, 0.0, null)).toList(), task.scorers());
    }
}
