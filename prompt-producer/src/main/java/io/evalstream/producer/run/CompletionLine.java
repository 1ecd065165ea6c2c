package io.evalstream.producer.run;

/**
 * One completion made elsewhere, to be graded as if a worker had made it: a line of the JSON Lines file given to
 * {@code evalctl push --completions}.
 *
 * @param line       the line's number in its file, 1-based, for the messages
 * @param variant    the prompt variant it answers; null for the first the run asks for
 * @param prompt     the prompt the model was given, kept on the task as a worker's would be
 * @param completion the model's answer
 */
public record CompletionLine(int line, String model, String benchmark, String itemId, String variant, String prompt,
        String completion) {
}
