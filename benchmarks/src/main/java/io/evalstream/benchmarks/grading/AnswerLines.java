package io.evalstream.benchmarks.grading;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short-answer extractor (DROP, TriviaQA): the text after the first "The answer is" / "Answer:" up to the end
 * of its sentence or line, else the first sentence of the first non-empty line, since few-shot prompts end in
 * "Answer:" and the model's first line is its answer. The first statement wins over later ones: what follows the
 * answer is usually the model inventing the next few-shot question, with its own "Answer:".
 */
public final class AnswerLines {

    /** "answer is" or "answer:", in any ASCII letter case; no Unicode case folding (see NumericAnswers). */
    private static final Pattern STATEMENT = Pattern.compile("\\banswer(?:\\s+is\\b|\\s*:)", Pattern.CASE_INSENSITIVE);
    /** A restated lead-in right after the marker, as in "Answer: The answer is Paris." */
    private static final String[] LEAD_INS = {"the final answer is", "the answer is", "answer is"};

    private AnswerLines() {
    }

    /** The stated answer, trimmed of quotes, emphasis and the period that ends it; NFKC-normalized first. */
    public static Extracted extract(String completionText) {
        String text = java.text.Normalizer.normalize(completionText, java.text.Normalizer.Form.NFKC);
        Matcher statement = STATEMENT.matcher(text);
        int start = statement.find() ? skipLeadIn(text, Sentences.skipFiller(text, statement.end()))
                : Sentences.skipFiller(text, 0);
        String answer = Sentences.trimAnswer(text.substring(start, Sentences.end(text, start)));
        return answer.isEmpty() ? new Extracted.Missing("no answer line in the completion")
                : new Extracted.Found(answer);
    }

    private static int skipLeadIn(String text, int at) {
        for (String leadIn : LEAD_INS) {
            if (text.regionMatches(true, at, leadIn, 0, leadIn.length())) {
                return Sentences.skipFiller(text, at + leadIn.length());
            }
        }
        return at;
    }
}
