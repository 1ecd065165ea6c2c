package io.evalstream.reports.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.reports.scoring.SourcePosition;
import java.time.Instant;

/**
 * The call that answered and the grade record that marked it: how long and how many tokens, when and where.
 *
 * @param latencyMillis null when not known (older state)
 * @param usage         null when no tokens were reported
 * @param gradedAt      null when not known (older state)
 * @param source        where the grade sits on the grades topic; null when the aggregator did not record it
 * @param unavailable   why the grade record could not be read, in which case the line holds only what the
 *                      aggregator's store keeps (no prompt, completion, extracted answer, reference, grader, detail
 *                      or judgement); absent from the JSON when the record was read
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GradeOrigin(Long latencyMillis, TokenUsage usage, Instant gradedAt, SourcePosition source,
        @JsonInclude(JsonInclude.Include.NON_NULL) String unavailable) {
}
