package io.evalstream.benchmarks.grading;

/**
 * Strict GSM8K extraction: the number stated after "The answer is" and nothing else, so an answer that never says
 * which number it means has none (lm-evaluation-harness's {@code strict-match} beside {@code flexible-extract}).
 */
final class StatedNumberExtraction implements AnswerExtractor {

    @Override
    public String name() {
        return "answer_is";
    }

    @Override
    public Extracted extract(String completionText) {
        return NumericAnswers.extractStated(completionText);
    }

    @Override
    public boolean yieldsNumber() {
        return true;
    }
}
