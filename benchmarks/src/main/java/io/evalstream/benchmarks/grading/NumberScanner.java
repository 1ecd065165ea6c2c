package io.evalstream.benchmarks.grading;

/**
 * Finds decimal numbers in free text in one left-to-right pass, without regular expressions, so the cost is
 * linear in the text length whatever the text holds (a megabyte of digits, of commas, of dots).
 *
 * <p>A number is ASCII digits, optionally grouped by thousands ({@code 12,345} but not {@code 1,23} or
 * {@code 1234,567}), optionally with a fraction ({@code 3.25}, {@code .5}). A minus sign ({@code -} or the
 * Unicode minus {@code U+2212}) and a currency symbol ({@code $-5}, {@code -$5}) directly in front belong to
 * it; a minus right after a letter or digit does not, so {@code 3-5} is 3 and 5 and {@code COVID-19} is 19.
 * A trailing period ends a sentence, not the number.
 */
final class NumberScanner {

    /** Where a number sits in the text: {@code [start, end)}, sign and currency symbol included. */
    record Span(int start, int end) {
    }

    private NumberScanner() {
    }

    /** The first number whose digits start at or after {@code from} and at or before {@code latestStart}; null if none. */
    static Span next(CharSequence text, int from, int latestStart) {
        int last = Math.min(latestStart, text.length() - 1);
        for (int i = Math.max(from, 0); i <= last; i++) {
            if (startsNumber(text, i)) {
                return new Span(prefixStart(text, i), numberEnd(text, i));
            }
        }
        return null;
    }

    /** The last number in the text; null if there is none. */
    static Span last(CharSequence text) {
        Span last = null;
        for (Span span = next(text, 0, Integer.MAX_VALUE); span != null;
                span = next(text, span.end(), Integer.MAX_VALUE)) {
            last = span;
        }
        return last;
    }

    private static boolean startsNumber(CharSequence text, int i) {
        char c = text.charAt(i);
        if (isDigit(c)) {
            return true;
        }
        // ".5" is a number; the ".3" in "1.2.3" is not, because a digit comes right before the dot.
        return c == '.' && isDigitAt(text, i + 1) && !isDigitAt(text, i - 1);
    }

    private static int numberEnd(CharSequence text, int start) {
        int i = start;
        if (text.charAt(i) != '.') {
            i = skipDigits(text, i);
            if (i - start <= 3) {
                i = skipThousandsGroups(text, i);
            }
        }
        if (i < text.length() && text.charAt(i) == '.' && isDigitAt(text, i + 1)) {
            i = skipDigits(text, i + 1);
        }
        return i;
    }

    private static int skipThousandsGroups(CharSequence text, int i) {
        while (i < text.length() && text.charAt(i) == ',' && isDigitAt(text, i + 1) && isDigitAt(text, i + 2)
                && isDigitAt(text, i + 3) && !isDigitAt(text, i + 4)) {
            i += 4;
        }
        return i;
    }

    private static int prefixStart(CharSequence text, int digitsStart) {
        int start = digitsStart;
        if (isCurrencyAt(text, start - 1)) {
            start--;
        }
        if (isMinusAt(text, start - 1) && !isLetterOrDigitAt(text, start - 2)) {
            start--;
            if (start == digitsStart - 1 && isCurrencyAt(text, start - 1)) {
                start--;
            }
        }
        return start;
    }

    private static int skipDigits(CharSequence text, int i) {
        while (isDigitAt(text, i)) {
            i++;
        }
        return i;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isMinus(char c) {
        return c == '-' || c == '\u2212';
    }

    static boolean isCurrency(char c) {
        return Character.getType(c) == Character.CURRENCY_SYMBOL;
    }

    private static boolean isDigitAt(CharSequence text, int i) {
        return i >= 0 && i < text.length() && isDigit(text.charAt(i));
    }

    private static boolean isCurrencyAt(CharSequence text, int i) {
        return i >= 0 && isCurrency(text.charAt(i));
    }

    private static boolean isMinusAt(CharSequence text, int i) {
        return i >= 0 && isMinus(text.charAt(i));
    }

    private static boolean isLetterOrDigitAt(CharSequence text, int i) {
        return i >= 0 && Character.isLetterOrDigit(text.charAt(i));
    }
}
