package io.evalstream.reports.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.Judgement;

/**
 * What the grader found besides the verdict.
 *
 * @param errorKind why the model call failed, for ERROR grades; null otherwise
 * @param detail    the grader's detail (an ERROR's reason); null when none, or the record could not be read
 * @param judgement the judge's scores and labels, for judged grades; null otherwise, or when the record could not
 *                  be read
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GradeEvidence(ErrorKind errorKind, String detail, Judgement judgement) {

    public static GradeEvidence of(Evidence evidence) {
        return new GradeEvidence(evidence.errorKind(), evidence.detail(), evidence.judgement());
    }
}
