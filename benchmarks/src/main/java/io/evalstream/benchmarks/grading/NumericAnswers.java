package io.evalstream.benchmarks.grading;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GSM8K / GPT-Fathom numeric grader: the number stated after "The answer is", else the last number in the
 * completion, compared with the reference by value ({@code 18 == 18.0}, {@code 1,000 == 1000}).
 */
public final class NumericAnswers {

    /** Longest number text read, sign and separators included; longer runs of digits are degenerate output. */
    static final int MAX_CHARS = 100;

    /**
     * "answer is" as a phrase, in any ASCII letter case ("The answer is", "The final answer is", "ANSWER IS").
     * No Unicode case folding: the Turkish capital dotted I in "ANSWER İS" is not an ASCII I.
     */
    private static final Pattern MARKER = Pattern.compile("\\banswer\\s+is\\b", Pattern.CASE_INSENSITIVE);

    /** How far after the marker the number may start: room for ": **$" or ": \boxed{", not for words. */
    private static final int MARKER_WINDOW = 20;
    private static final String BOXED = "\\boxed";

    private NumericAnswers() {
    }

    /**
     * The number right after the first "answer is" that is followed by one (only punctuation, spaces and
     * {@code \boxed} in between), else the last number in the text. The text is NFKC-normalized first, so
     * full-width digits ({@code ４２}) read as ASCII ones. The result is the number as written.
     */
    public static Extracted extract(String completionText) {
        String text = java.text.Normalizer.normalize(completionText, java.text.Normalizer.Form.NFKC);
        NumberScanner.Span stated = stated(text);
        if (stated != null) {
            return found(text, stated);
        }
        NumberScanner.Span last = NumberScanner.last(text);
        return last == null ? new Extracted.Missing("no number in the completion") : found(text, last);
    }

    /**
     * Strict: only the number right after the first "answer is" followed by one, as {@link #extract} reads it; a
     * completion that never states its answer so has none (lm-evaluation-harness's GSM8K {@code strict-match}).
     */
    public static Extracted extractStated(String completionText) {
        String text = java.text.Normalizer.normalize(completionText, java.text.Normalizer.Form.NFKC);
        NumberScanner.Span stated = stated(text);
        return stated == null ? new Extracted.Missing("no number stated after \"The answer is\"")
                : found(text, stated);
    }

    private static NumberScanner.Span stated(String text) {
        Matcher marker = MARKER.matcher(text);
        while (marker.find()) {
            NumberScanner.Span span = NumberScanner.next(text, marker.end(), marker.end() + MARKER_WINDOW);
            if (span != null && onlyFiller(text, marker.end(), span.start())) {
                return span;
            }
        }
        return null;
    }

    /**
     * The one number in an answer another extractor found ({@code "18 apples"} is 18): with no number, or with
     * several ({@code "3 to 5"}, {@code "\\frac{1}{2}"}), there is no telling which is meant, so none is read.
     */
    public static Extracted onlyNumber(String answer) {
        String text = java.text.Normalizer.normalize(answer, java.text.Normalizer.Form.NFKC);
        NumberScanner.Span first = NumberScanner.next(text, 0, Integer.MAX_VALUE);
        if (first == null) {
            return new Extracted.Missing("no number in the answer");
        }
        return NumberScanner.next(text, first.end(), Integer.MAX_VALUE) == null ? found(text, first)
                : new Extracted.Missing("more than one number in the answer");
    }

    /**
     * The plain decimal form of a number as a model or a dataset writes it: currency symbols, thousands
     * commas and a percent sign dropped, the Unicode minus read as a minus, trailing fraction zeros removed
     * ({@code "$1,234.50"} becomes {@code "1234.5"}, {@code "-0"} becomes {@code "0"}).
     */
    public static Extracted normalize(String number) {
        String text = number.strip();
        if (text.length() > MAX_CHARS) {
            return new Extracted.Missing("a number of " + text.length() + " characters is longer than the "
                    + MAX_CHARS + " this grader reads");
        }
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (NumberScanner.isMinus(c)) {
                plain.append('-');
            } else if (NumberScanner.isDigit(c) || c == '.' || c == '+') {
                plain.append(c);
            } else if (c != ',' && c != '%' && !NumberScanner.isCurrency(c)) {
                // Exponents are refused too: "1e999999999" would expand to a billion digits.
                return new Extracted.Missing("'" + text + "' is not a plain decimal number such as 18, -3.5 or 1,000");
            }
        }
        try {
            return new Extracted.Found(new BigDecimal(plain.toString()).stripTrailingZeros().toPlainString());
        } catch (NumberFormatException e) {
            return new Extracted.Missing("'" + text + "' is not a number");
        }
    }

    /** Equal by value, whatever the scale. */
    public static boolean sameValue(String answer, String reference) {
        return new BigDecimal(answer).compareTo(new BigDecimal(reference)) == 0;
    }

    private static Extracted found(String text, NumberScanner.Span span) {
        return new Extracted.Found(text.substring(span.start(), span.end()));
    }

    private static boolean onlyFiller(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.startsWith(BOXED, i)) {
                i += BOXED.length() - 1;
            } else if (Character.isLetterOrDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
