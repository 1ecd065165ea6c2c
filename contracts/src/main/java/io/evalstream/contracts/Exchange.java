package io.evalstream.contracts;

/**
 * What the model was asked and what it answered, or where that can be read.
 *
 * @param prompt       the prompt, when the grade copies it (the grade of a judged answer, made from the judge's
 *                     completion, not the answer's record; a re-grade; older grades); null otherwise
 * @param completion   the completion's text, likewise
 * @param completionAt where the graded completion sits on the completions topic, which holds its prompt and text: a
 *                     grade points there instead of copying them (the prompt alone is often kilobytes of few-shot
 *                     exemplars); null when the grade copies them or records neither
 */
public record Exchange(String prompt, String completion, SourcePosition completionAt) {

    public static final Exchange NONE = new Exchange(null, null, null);

    /** The prompt and text, copied. */
    public static Exchange copied(String prompt, String completion) {
        return new Exchange(prompt, completion, null);
    }

    /** Only where the completion sits: its prompt and text are read from there. */
    public static Exchange at(SourcePosition completionAt) {
        return new Exchange(null, null, completionAt);
    }
}
