package io.evalstream.reports.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.TokenUsage;
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
 *                      or judgement); or why the completion record the grade points at could not be, in which case
 *                      only the prompt and completion are missing; absent from the JSON when every record was read
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GradeOrigin(Long latencyMillis, TokenUsage usage, Instant gradedAt, SourcePosition source,
        @JsonInclude(JsonInclude.Include.NON_NULL) String unavailable) {
}
