package io.evalstream.benchmarks.grading;

import java.util.Set;

/**
 * The code extractor (HumanEval): the first fenced block tagged Python or untagged ({@code ```python},
 * {@code ```py}, {@code ```}), else the first fenced block of any tag, else the completion as written, which then
 * continues the prompt's function. A block left open (output cut at the token limit) runs to the end of the text.
 */
public final class CodeBlocks {

    private static final String FENCE = "```";
    private static final Set<String> PYTHON_TAGS = Set.of("", "python", "py", "python3");

    private CodeBlocks() {
    }

    /** The code to run, indentation kept; Missing when the completion holds no code at all. */
    public static Extracted extract(String completionText) {
        String code = completionText.contains(FENCE) ? fenced(completionText) : completionText;
        return code.isBlank() ? new Extracted.Missing("no code in the completion") : new Extracted.Found(code);
    }

    private static String fenced(String text) {
        String first = null;
        for (int open = text.indexOf(FENCE); open >= 0; open = text.indexOf(FENCE, open)) {
            int lineEnd = text.indexOf('\n', open);
            if (lineEnd < 0) {
                break;
            }
            String tag = text.substring(open + FENCE.length(), lineEnd).strip().toLowerCase(java.util.Locale.ROOT);
            int close = text.indexOf("\n" + FENCE, lineEnd);
            String body = close < 0 ? text.substring(lineEnd + 1) : text.substring(lineEnd + 1, close + 1);
            if (PYTHON_TAGS.contains(tag)) {
                return body;
            }
            first = first == null ? body : first;
            if (close < 0) {
                break;
            }
            open = close + 1 + FENCE.length();
        }
        return first == null ? "" : first;
    }
}
