package io.evalstream.benchmarks.grading;

/**
 * Strict MATH extraction: only the answer of "Final Answer: The final answer is $X$", the form the MATH exemplars
 * end with (Minerva's, in lm-evaluation-harness's {@code minerva_math}); {@code boxed} also reads a boxed answer.
 */
final class FinalAnswerExtraction implements AnswerExtractor {

    @Override
    public String name() {
        return "final_answer";
    }

    @Override
    public Extracted extract(String completionText) {
        return BoxedAnswers.extractStated(completionText);
    }

    @Override
    public boolean yieldsLatex() {
        return true;
    }
}
