package io.evalstream.contracts;

/** How the grader pulls the answer out of a completion before comparing it with the reference. */
public enum Extraction {
    /** GSM8K style: the number after "The answer is", else the last number in the text. */
    NUMERIC,
    /** The first option letter (A)-(D) in the text. */
    MULTIPLE_CHOICE
}
