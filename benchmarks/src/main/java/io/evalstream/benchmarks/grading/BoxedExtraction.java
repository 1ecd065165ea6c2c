package io.evalstream.benchmarks.grading;

/** MATH style: the content of the last {@code \boxed{...}}, else what follows "The final answer is". */
final class BoxedExtraction implements AnswerExtractor {

    @Override
    public String name() {
        return "boxed";
    }

    @Override
    public Extracted extract(String completionText) {
        return BoxedAnswers.extract(completionText);
    }

    @Override
    public boolean yieldsLatex() {
        return true;
    }
}
