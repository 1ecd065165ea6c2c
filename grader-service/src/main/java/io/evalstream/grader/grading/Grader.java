package io.evalstream.grader.grading;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.SchemaVersion;
import io.evalstream.contracts.Verdict;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Turns a completion into its grade, choosing the grader from the task's extraction method. */
public final class Grader {

    private Grader() {
    }

    public static GradingPipeline pipeline(Extraction extraction) {
        return switch (extraction) {
            case NUMERIC -> NumericAnswers.PIPELINE;
            case MULTIPLE_CHOICE -> OptionLetters.PIPELINE;
        };
    }

    /** Every grader name this service can put on a grade, e.g. to register metrics up front. */
    public static List<String> names() {
        return Arrays.stream(Extraction.values()).map(extraction -> pipeline(extraction).name()).toList();
    }

    /**
     * A failed model call is graded ERROR with its error kind; a successful one by the task's grader.
     *
     * @param gradedAt the grading time to record, passed in so grading stays a pure function
     * @throws io.evalstream.contracts.InvalidRecordException when the task's reference cannot be graded
     */
    public static Grade grade(Completion completion, Instant gradedAt) {
        PromptTask task = completion.task();
        GradingPipeline pipeline = pipeline(task.extraction());
        return switch (completion.status()) {
            case OK -> {
                Outcome outcome = pipeline.grade(task.reference(), completion.text());
                yield new Grade(SchemaVersion.CURRENT, task.taskId(), outcome.verdict(), outcome.score(),
                        outcome.extracted(), task.reference(), task.category(), pipeline.name(), task.settingsHash(),
                        completion.latencyMillis(), completion.simulated(), null, gradedAt);
            }
            case ERROR -> new Grade(SchemaVersion.CURRENT, task.taskId(), Verdict.ERROR, 0.0, null, task.reference(),
                    task.category(), pipeline.name(), task.settingsHash(), completion.latencyMillis(),
                    completion.simulated(), completion.error().kind(), gradedAt);
        };
    }
}
