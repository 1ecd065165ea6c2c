package io.evalstream.benchmarks.grading;

/**
 * Short-answer style (DROP, TriviaQA): the text after "The answer is" up to the end of its sentence, else the first
 * line.
 */
final class AnswerLineExtraction implements AnswerExtractor {

    @Override
    public String name() {
        return "answer_line";
    }

    @Override
    public Extracted extract(String completionText) {
        return AnswerLines.extract(completionText);
    }
}
