package io.evalstream.benchmarks.grading;

/** GSM8K / GPT-Fathom style: the number after "The answer is", else the last number in the text. */
final class NumericExtraction implements AnswerExtractor {

    @Override
    public String name() {
        return "numeric";
    }

    @Override
    public Extracted extract(String completionText) {
        return NumericAnswers.extract(completionText);
    }

    @Override
    public boolean yieldsNumber() {
        return true;
    }
}
