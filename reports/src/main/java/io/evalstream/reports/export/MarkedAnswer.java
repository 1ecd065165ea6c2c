package io.evalstream.reports.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.evalstream.contracts.Exchange;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Verdict;

/**
 * What the model was asked and answered, and how its answer was marked.
 *
 * @param prompt     null when the grade does not record it, or its record (or that of the completion it points at)
 *                   could not be read
 * @param completion likewise
 * @param extracted  the answer taken from the completion; null when none was, or the record could not be read
 * @param reference  the expected answer; null when the record could not be read
 * @param score      in [0, 1]
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MarkedAnswer(String prompt, String completion, String extracted, String reference, Verdict verdict,
        double score) {

    /** @param exchange the grade's prompt and text: copied in the grade, or read from the completion it points at */
    public static MarkedAnswer of(Grade grade, Exchange exchange) {
        return new MarkedAnswer(exchange.prompt(), exchange.completion(), grade.marking().extracted(),
                grade.marking().reference(), grade.marking().verdict(), grade.marking().score());
    }

    /** Only the verdict and score, as the latest-grade store keeps them. */
    public static MarkedAnswer verdictOnly(Verdict verdict, double score) {
        return new MarkedAnswer(null, null, null, null, verdict, score);
    }
}
