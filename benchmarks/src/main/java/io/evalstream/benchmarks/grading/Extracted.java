package io.evalstream.benchmarks.grading;

import java.util.function.Function;

/**
 * What one grading step got out of its input: an answer, or the reason there is none. A missing answer is
 * graded {@code NO_ANSWER}, which is not the same as a wrong one.
 */
public sealed interface Extracted {

    /** An answer; its form depends on the step (raw text after extraction, canonical after normalization). */
    record Found(String text) implements Extracted {
        public Found {
            if (text == null) {
                throw new IllegalArgumentException("a found answer has text; use Missing for no answer");
            }
        }
    }

    /** No answer, and why, in words a person reading a grading table understands. */
    record Missing(String reason) implements Extracted {
    }

    /** Feeds a found answer to the next step; a missing one stays missing. */
    default Extracted then(Function<String, Extracted> next) {
        return switch (this) {
            case Found found -> next.apply(found.text());
            case Missing missing -> missing;
        };
    }
}
