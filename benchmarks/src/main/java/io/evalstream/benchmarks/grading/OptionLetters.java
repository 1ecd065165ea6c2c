package io.evalstream.benchmarks.grading;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The multiple-choice grader for options (A)-(D). In order of trust it reads:
 * <ol>
 *   <li>the first explicit answer statement: "The answer is (B)", "answer is C", "Answer: D";</li>
 *   <li>an option at the very start, since prompts usually end in "Answer:": "B", " (B) 42", "C. Paris";</li>
 *   <li>the first letter in parentheses anywhere: "... so (C) is right".</li>
 * </ol>
 * Option letters are upper case. A lower-case letter counts only in parentheses right after an answer
 * statement ("The answer is (b)"): elsewhere "(a)", "(b)" enumerate points of an argument, and a bare
 * "a" after "answer is" is usually the article ("The answer is a bit unclear").
 */
public final class OptionLetters {

    /** "answer is" or "answer:", in any ASCII letter case; no Unicode case folding (see NumericAnswers). */
    private static final Pattern STATEMENT = Pattern.compile("\\banswer(?:\\s+is\\b|\\s*:)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IN_PARENTHESES = Pattern.compile("\\(([A-D])\\)");
    /** Spaces, quotes, colons and markdown emphasis allowed between a statement and its letter. */
    private static final int FILLER_LIMIT = 8;

    private OptionLetters() {
    }

    /** The chosen option as one upper-case letter A-D; the text is NFKC-normalized first, so "（Ｂ）" is (B). */
    public static Extracted extract(String completionText) {
        String text = java.text.Normalizer.normalize(completionText, java.text.Normalizer.Form.NFKC);
        Matcher statement = STATEMENT.matcher(text);
        while (statement.find()) {
            char letter = letterAt(text, skipFiller(text, statement.end()), true);
            if (letter != 0) {
                return found(letter);
            }
        }
        char leading = leadingLetter(text);
        if (leading != 0) {
            return found(leading);
        }
        Matcher parenthesized = IN_PARENTHESES.matcher(text);
        return parenthesized.find() ? found(parenthesized.group(1).charAt(0))
                : new Extracted.Missing("no option letter (A)-(D) in the completion");
    }

    /** A reference or an answer as one upper-case letter: {@code "b"}, {@code " (B) "} and {@code "B"} are B. */
    public static Extracted normalize(String option) {
        String text = option.strip();
        if (text.length() == 3 && text.charAt(0) == '(' && text.charAt(2) == ')') {
            text = text.substring(1, 2);
        }
        String letter = text.toUpperCase(Locale.ROOT);
        return letter.length() == 1 && letter.charAt(0) >= 'A' && letter.charAt(0) <= 'D' ? new Extracted.Found(letter)
                : new Extracted.Missing("'" + option.strip() + "' is not an option letter A-D");
    }

    /** An option at the start; a bare letter must stand alone ("B", "B.", "B)") so "A good question" is not A. */
    private static char leadingLetter(String text) {
        int at = skipFiller(text, 0);
        char letter = letterAt(text, at, false);
        if (letter == 0 || text.charAt(at) == '(') {
            return letter;
        }
        int after = at + 1;
        while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
            after++;
        }
        return after == text.length() || !Character.isLetterOrDigit(text.charAt(after)) ? letter : 0;
    }

    /** The option at {@code i}: "(X)" or a bare upper-case X not followed by a letter or digit; 0 if none. */
    private static char letterAt(String text, int i, boolean lowerCaseInParentheses) {
        if (i + 2 < text.length() && text.charAt(i) == '(' && text.charAt(i + 2) == ')') {
            char c = text.charAt(i + 1);
            char upper = lowerCaseInParentheses && c >= 'a' && c <= 'd' ? (char) (c - 'a' + 'A') : c;
            return isOption(upper) ? upper : 0;
        }
        if (i < text.length() && isOption(text.charAt(i))
                && (i + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(i + 1)))) {
            return text.charAt(i);
        }
        return 0;
    }

    private static int skipFiller(String text, int from) {
        int i = from;
        while (i < text.length() && i - from < FILLER_LIMIT && isFiller(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isFiller(char c) {
        return Character.isWhitespace(c) || c == ':' || c == '*' || c == '_' || c == '"' || c == '\'' || c == '`';
    }

    private static boolean isOption(char c) {
        return c >= 'A' && c <= 'D';
    }

    private static Extracted found(char letter) {
        return new Extracted.Found(String.valueOf(letter));
    }
}
