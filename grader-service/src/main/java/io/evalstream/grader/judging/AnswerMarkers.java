package io.evalstream.grader.judging;

import java.util.regex.Pattern;

/**
 * The pair of lines that enclose a judged answer in a judge prompt, {@code <<<ANSWER-nonce>>>} and
 * {@code <<<END-ANSWER-nonce>>>}. The judge is told that everything between them is data to grade, never
 * instructions; the nonce keeps an answer from closing the region early and writing instructions after it, since
 * the answer cannot know it (see {@link MarkerKey}).
 *
 * @param nonce 32 lower-case hex digits
 */
public record AnswerMarkers(String nonce) {

    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");

    public AnswerMarkers {
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("a marker nonce must be 32 lower-case hex digits");
        }
    }

    /** The line before the answer. */
    public String open() {
        return "<<<ANSWER-" + nonce + ">>>";
    }

    /** The line after the answer. */
    public String close() {
        return "<<<END-ANSWER-" + nonce + ">>>";
    }

    /** True when {@code text} holds the nonce anywhere, so these markers cannot enclose it unambiguously. */
    public boolean occurIn(String text) {
        return text.contains(nonce);
    }

    /** {@code text} on lines of its own between the two markers. */
    public String enclose(String text) {
        if (occurIn(text)) {
            throw new IllegalArgumentException("the text holds the marker nonce; derive other markers for it");
        }
        return open() + "\n" + text + "\n" + close();
    }
}
