package io.evalstream.benchmarks.grading;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lm-evaluation-harness's GSM8K {@code flexible-extract}, as its {@code lm_eval/tasks/gsm8k/gsm8k.yaml} (version 3.0)
 * declares it: the last match of {@code (-?[$0-9.,]{2,})|(-?[0-9]+)} ({@code group_select: -1}), with what its
 * {@code exact_match} ignores ({@code regexes_to_ignore}: commas, dollar signs, a final period) removed. Unlike
 * {@code numeric} it never prefers a number after "The answer is": a trailing "(check: 3 + 15)" wins, as in the
 * harness, so its figures compare with the harness's published flexible-extract scores.
 */
final class LastNumberExtraction implements AnswerExtractor {

    private static final Pattern CANDIDATE = Pattern.compile("(-?[$0-9.,]{2,})|(-?[0-9]+)");
    private static final Pattern IGNORED = Pattern.compile("[,$]|\\.$");

    @Override
    public String name() {
        return "last_number";
    }

    @Override
    public Extracted extract(String completionText) {
        Matcher candidate = CANDIDATE.matcher(completionText);
        String last = null;
        while (candidate.find()) {
            last = candidate.group();
        }
        if (last == null) {
            return new Extracted.Missing("no number in the text");
        }
        String answer = IGNORED.matcher(last.strip()).replaceAll("");
        // A match of only punctuation ("..", "$,") is what the harness compares, and never equals a number.
        return answer.isEmpty() ? new Extracted.Missing("the last number-like text '" + last + "' holds no digit")
                : new Extracted.Found(answer);
    }
}
