package io.evalstream.benchmarks.grading;

/**
 * The option letter after "The answer is", else the first standalone option letter. Letters are compared as
 * letters only: SQuAD's normalization would read the option "A" as an article and drop it.
 */
final class OptionLetterExtraction implements AnswerExtractor {

    @Override
    public String name() {
        return "multiple_choice";
    }

    @Override
    public Extracted extract(String completionText) {
        return OptionLetters.extract(completionText);
    }

    @Override
    public boolean scoresWith(AnswerMetric metric) {
        return metric instanceof ExactMatchMetric;
    }

    @Override
    public Normalizer normalizerFor(AnswerMetric metric) {
        return OptionLetters::normalize;
    }
}
