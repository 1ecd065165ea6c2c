package io.evalstream.benchmarks.grading;

import io.evalstream.contracts.InvalidRecordException;
import java.util.ArrayList;
import java.util.List;

/**
 * One grader: extract the answer from the completion, normalize it and every accepted answer the same way,
 * score it against each and keep the best score.
 *
 * @param name grader name and version as recorded on every grade, e.g. {@code numeric/numeric_equal@1}; bump the
 *             version whenever a step changes what it accepts
 */
public record GradingPipeline(String name, Extractor extractor, Normalizer normalizer, AnswerMatcher matcher) {

    /**
     * @param acceptedAnswers the task's reference, then its aliases ({@code PromptTask.acceptedAnswers()})
     * @throws InvalidRecordException when an accepted answer is not one this grader can compare with, which is
     *                                a fault of the task, not of the model
     */
    public Outcome grade(List<String> acceptedAnswers, String completionText) {
        List<String> references = readReferences(acceptedAnswers);
        return switch (extractor.extract(completionText).then(normalizer::normalize)) {
            case Extracted.Found answer -> Outcome.scored(answer.text(), bestScore(answer.text(), references));
            case Extracted.Missing missing -> Outcome.noAnswer(missing.reason());
        };
    }

    private double bestScore(String answer, List<String> references) {
        double best = 0.0;
        for (String reference : references) {
            best = Math.max(best, matcher.score(answer, reference));
            if (best == 1.0) {
                break;
            }
        }
        return best;
    }

    private List<String> readReferences(List<String> acceptedAnswers) {
        List<String> references = new ArrayList<>(acceptedAnswers.size());
        for (int i = 0; i < acceptedAnswers.size(); i++) {
            switch (normalizer.normalize(acceptedAnswers.get(i))) {
                case Extracted.Found found -> references.add(found.text());
                case Extracted.Missing missing -> throw new InvalidRecordException("field '"
                        + (i == 0 ? "task.reference" : "task.aliases[" + (i - 1) + "]") + "' cannot be graded by "
                        + name + ": " + missing.reason());
            }
        }
        return references;
    }
}
