package io.evalstream.contracts;

/** What the model was asked and what it answered; both null when a grade does not record them. */
public record Exchange(String prompt, String completion) {

    public static final Exchange NONE = new Exchange(null, null);
}
