package io.evalstream.reports.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.SourcePosition;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.Judgement;
import io.evalstream.contracts.Marking;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Verdict;
import java.time.Instant;

/**
 * One line of the per-sample export: a task's latest grade, flat, every field present (null when the grade has
 * none), so that every line has the same keys.
 *
 * @param source      where the grade sits on the grades topic; null when the aggregator did not record it
 * @param unavailable why the grade record could not be read, in which case the line holds only what the
 *                    aggregator's store keeps (no prompt, completion, extracted answer, reference, grader, detail or
 *                    judgement); absent from the JSON when the record was read
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SampleLine(String taskId, String runId, String modelId, String benchmarkId, String itemId,
        String variant, int sample, String prompt, String completion, String extracted, String reference,
        Verdict verdict, double score, String settingsHash, String grader, ErrorKind errorKind, String detail,
        Judgement judgement, Long latencyMillis, TokenUsage usage, Instant gradedAt, SourcePosition source,
        @JsonInclude(JsonInclude.Include.NON_NULL) String unavailable) {

    /** The line of a grade read from the topic at {@code source}. */
    public static SampleLine of(Grade grade, SourcePosition source) {
        TaskId task = grade.taskId();
        Marking marking = grade.marking();
        GradeContext context = grade.context();
        Evidence evidence = grade.evidence();
        return new SampleLine(task.toString(), task.runId(), task.modelId(), task.benchmarkId(), task.itemId(),
                task.variant(), task.sample(), grade.exchange().prompt(), grade.exchange().completion(),
                marking.extracted(), marking.reference(), marking.verdict(), marking.score(), context.settingsHash(),
                context.grader(), evidence.errorKind(), evidence.detail(), evidence.judgement(),
                grade.call().latencyMillis(), grade.call().usage(), context.gradedAt(), source, null);
    }

    /** The line of a task whose grade record cannot be read: what the latest-grade store knows of it. */
    public static SampleLine unavailable(TaskId task, GradedSample sample, String why) {
        return new SampleLine(task.toString(), task.runId(), task.modelId(), task.benchmarkId(), task.itemId(),
                task.variant(), task.sample(), null, null, null, null, sample.verdict(), sample.score(),
                sample.settingsHash(), null, sample.errorKind(), null, null, sample.latencyMillis(), sample.usage(),
                sample.gradedAtMillis() == null ? null : Instant.ofEpochMilli(sample.gradedAtMillis()),
                sample.source(), why);
    }
}
