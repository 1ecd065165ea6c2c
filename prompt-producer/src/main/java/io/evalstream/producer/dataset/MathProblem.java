package io.evalstream.producer.dataset;

/**
 * A word problem with a worked solution and a numeric answer (GSM8K style).
 *
 * @param solution the worked solution without its final {@code #### answer} line; it may still carry
 *                 {@code <<3*4=12>>} calculator annotations
 * @param answer   the final number with thousands separators removed, e.g. {@code 1000} or {@code -2.5}
 */
public record MathProblem(String id, String question, String solution, String answer) implements Item {

    @Override
    public String reference() {
        return answer;
    }
}
