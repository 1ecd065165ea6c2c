package io.evalstream.contracts;

/**
 * What a model call gave back: a text, or why there is none.
 *
 * @param text  the generated text; null when status is ERROR
 * @param error why the call failed; null when status is OK
 */
public record Answer(CompletionStatus status, String text, ModelError error) {

    public static Answer ok(String text) {
        return new Answer(CompletionStatus.OK, text, null);
    }

    public static Answer failed(ModelError error) {
        return new Answer(CompletionStatus.ERROR, null, error);
    }
}
