package io.evalstream.benchmarks.grading;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MATH extractor (GPT-Fathom, after Hendrycks): the content of the last {@code \boxed{...}} or
 * {@code \fbox{...}}, braces balanced and nested braces kept, or of {@code \boxed 5} written without braces; else
 * the answer stated after the first "Final Answer:" / "The final answer is" (GPT-Fathom's few-shot ending
 * {@code Final Answer: The final answer is $x$. I hope it is correct.}), read up to its closing {@code $} or the end
 * of its sentence. A box left open (output cut at the token limit) is no box. All scans are linear.
 */
public final class BoxedAnswers {

    private static final String BOXED = "\\boxed";
    private static final String FBOX = "\\fbox";
    /** "final answer" as a phrase, in any ASCII letter case. */
    private static final Pattern FINAL = Pattern.compile("\\bfinal\\s+answer\\b", Pattern.CASE_INSENSITIVE);
    private static final String[] LEAD_INS = {"is", "the final answer is"};

    private BoxedAnswers() {
    }

    public static Extracted extract(String completionText) {
        String boxed = lastBoxed(completionText);
        if (boxed != null) {
            return boxed.isBlank() ? new Extracted.Missing("an empty box") : new Extracted.Found(boxed);
        }
        return FINAL.matcher(completionText).find() ? extractStated(completionText)
                : new Extracted.Missing("no \\boxed{} answer and no final answer statement in the completion");
    }

    /**
     * Strict MATH extraction, as Minerva's (Lewkowycz et al. 2022) in lm-evaluation-harness's {@code minerva_math}:
     * only what follows the first "Final Answer:" / "The final answer is", the form the exemplars end with; a boxed
     * answer without that statement is none.
     */
    public static Extracted extractStated(String completionText) {
        Matcher statement = FINAL.matcher(completionText);
        if (!statement.find()) {
            return new Extracted.Missing("no final answer statement (\"The final answer is ...\")");
        }
        String answer = Sentences.trimAnswer(valueAt(completionText, skipLeadIns(completionText, statement.end())));
        return answer.isEmpty() ? new Extracted.Missing("an empty final answer statement")
                : new Extracted.Found(answer);
    }

    /** The content of the last box, or null when there is none or the last one is not closed. */
    private static String lastBoxed(String text) {
        int at = Math.max(text.lastIndexOf(BOXED), text.lastIndexOf(FBOX));
        if (at < 0) {
            return null;
        }
        int i = at + (text.startsWith(BOXED, at) ? BOXED.length() : FBOX.length());
        int content = Sentences.skipFiller(text, i);
        if (content < text.length() && text.charAt(content) == '{') {
            int close = closingBrace(text, content);
            return close < 0 ? null : text.substring(content + 1, close);
        }
        if (content == i || content == text.length()) {
            return null;
        }
        int end = content;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '$') {
            end++;
        }
        while (end > content && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == ',')) {
            end--;
        }
        return text.substring(content, end);
    }

    /** The index of the brace closing the one at {@code open}, skipping escaped braces; -1 when never closed. */
    static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int skipLeadIns(String text, int from) {
        int at = Sentences.skipFiller(text, from);
        for (String leadIn : LEAD_INS) {
            int end = at + leadIn.length();
            if (text.regionMatches(true, at, leadIn, 0, leadIn.length())
                    && (end == text.length() || !Character.isLetter(text.charAt(end)))) {
                at = Sentences.skipFiller(text, end);
            }
        }
        return at;
    }

    /** A {@code $...$} or {@code $$...$$} span at {@code at} (a model's line breaks inside kept), else a sentence. */
    private static String valueAt(String text, int at) {
        String delimiter = text.startsWith("$$", at) ? "$$" : text.startsWith("$", at) ? "$" : null;
        if (delimiter != null) {
            int close = closingDollar(text, at + delimiter.length(), delimiter);
            if (close >= 0) {
                return text.substring(at + delimiter.length(), close);
            }
        }
        return text.substring(at, Sentences.end(text, at));
    }

    /** The next unescaped {@code delimiter} at or after {@code from} ({@code \$} is a dollar sign); -1 if none. */
    private static int closingDollar(String text, int from, String delimiter) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.startsWith(delimiter, i)) {
                return i;
            }
        }
        return -1;
    }
}
