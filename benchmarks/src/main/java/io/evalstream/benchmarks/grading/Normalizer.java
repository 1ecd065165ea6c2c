package io.evalstream.benchmarks.grading;

/**
 * Brings an extracted answer, or a task's reference, into the canonical form the matcher compares.
 * Returns {@link Extracted.Missing} when the text is not an answer of the expected kind.
 */
@FunctionalInterface
public interface Normalizer {

    Extracted normalize(String answer);
}
