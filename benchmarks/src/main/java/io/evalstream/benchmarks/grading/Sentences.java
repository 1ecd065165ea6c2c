package io.evalstream.benchmarks.grading;

import java.util.Set;

/**
 * Where a stated answer ends: at the end of its line or sentence. One left-to-right scan, no regular expressions.
 * A period ends a sentence only when a space or the end of the text follows it, and not after an initial
 * ("John F. Kennedy", "U.S. Army") or a common abbreviation ("Mt. Everest"); a decimal point never does.
 */
final class Sentences {

    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "mt", "jr", "sr", "vs",
            "prof", "gen", "capt", "lt", "col", "sgt", "ft", "rev");
    /** Characters a model wraps a short answer in: quotes (ASCII and typographic), markdown emphasis, code ticks. */
    private static final String WRAPPERS = "\"'`*_\u201C\u201D\u2018\u2019";

    private Sentences() {
    }

    /** The end (exclusive) of the sentence starting at {@code from}: a line break, or . ! ? before a space. */
    static int end(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
            boolean beforeSpace = i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1));
            if ((c == '!' || c == '?') && beforeSpace || c == '.' && beforeSpace && !abbreviated(text, from, i)) {
                return i;
            }
        }
        return text.length();
    }

    /** The index of the first character at or after {@code from} that is neither white space nor a colon. */
    static int skipFiller(String text, int from) {
        int i = from;
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ':')) {
            i++;
        }
        return i;
    }

    /** The answer without surrounding space, quotes and emphasis, and without the punctuation that ends it. */
    static String trimAnswer(String answer) {
        int start = 0;
        int end = answer.length();
        boolean changed = true;
        while (changed && start < end) {
            changed = false;
            if (Character.isWhitespace(answer.charAt(start)) || WRAPPERS.indexOf(answer.charAt(start)) >= 0) {
                start++;
                changed = true;
            } else if (Character.isWhitespace(answer.charAt(end - 1)) || WRAPPERS.indexOf(answer.charAt(end - 1)) >= 0
                    || ".,;:".indexOf(answer.charAt(end - 1)) >= 0) {
                end--;
                changed = true;
            }
        }
        return answer.substring(start, end);
    }

    /** Whether the period at {@code dot} follows an initial or an abbreviation rather than ending the sentence. */
    private static boolean abbreviated(String text, int from, int dot) {
        int wordStart = dot;
        while (wordStart > from && Character.isLetter(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        int length = dot - wordStart;
        if (length == 1 && Character.isUpperCase(text.charAt(wordStart))) {
            return true;
        }
        return length > 0 && length <= 4
                && ABBREVIATIONS.contains(text.substring(wordStart, dot).toLowerCase(java.util.Locale.ROOT));
    }
}
