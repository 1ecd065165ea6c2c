package io.evalstream.benchmarks.grading;

/** Finds the answer in a completion's text. Implementations must run in time linear in the text length. */
@FunctionalInterface
public interface Extractor {

    Extracted extract(String completionText);
}
