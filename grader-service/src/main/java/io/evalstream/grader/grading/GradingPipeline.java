package io.evalstream.grader.grading;

import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.Verdict;

/**
 * One grader: extract the answer from the completion, normalize it and the reference the same way, match.
 *
 * @param name grader name and version as recorded on every grade, e.g. {@code numeric@1}; bump the
 *             version whenever a step changes what it accepts
 */
public record GradingPipeline(String name, Extractor extractor, Normalizer normalizer, AnswerMatcher matcher) {

    /**
     * @throws InvalidRecordException when the reference is not an answer this grader can compare with,
     *                                which is a fault of the task, not of the model
     */
    public Outcome grade(String reference, String completionText) {
        String canonicalReference = switch (normalizer.normalize(reference)) {
            case Extracted.Found found -> found.text();
            case Extracted.Missing missing -> throw new InvalidRecordException("field 'task.reference' cannot be graded"
                    + " by " + name + ": " + missing.reason());
        };
        return switch (extractor.extract(completionText).then(normalizer::normalize)) {
            case Extracted.Found answer -> new Outcome(
                    matcher.matches(answer.text(), canonicalReference) ? Verdict.CORRECT : Verdict.INCORRECT,
                    answer.text());
            case Extracted.Missing missing -> Outcome.noAnswer();
        };
    }
}
