package io.evalstream.producer.dataset;

/** One test question of a benchmark, with the answer a correct completion gives. */
public sealed interface Item permits MathProblem, ChoiceQuestion {

    /** Unique within its benchmark and valid inside a {@code TaskId} (no '/', no spaces). */
    String id();

    /** The correct answer in the canonical form the grader compares against (a number, an option letter). */
    String reference();
}
