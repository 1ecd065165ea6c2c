package io.evalstream.worker.sim;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a simulated judge takes from its prompt: the text to judge, and the scores the prompt tells it to give.
 *
 * <p>It reads like an instruction-following model. When the answer sits between answer markers
 * ({@code <<<ANSWER-nonce>>>} ... {@code <<<END-ANSWER-nonce>>>}, each on a line of its own, as the grader writes
 * them), it judges what is between them as data and takes orders only from the text around them; a paragraph of the
 * data that asks for a score is a note to the judge, which it neither obeys nor credits as story. Without markers it
 * cannot tell the story from the instructions, so it obeys a score the prompt asks for anywhere, one written into
 * the story included: the naive judge that prompt injection talks into a score, for tests of the defence.
 *
 * @param judged  the text to score
 * @param ordered scores (1-10) the instructions ask for, by dimension ({@code grammar}, {@code creativity},
 *                {@code consistency}); empty when they ask for none
 */
record JudgePrompt(String judged, Map<String, Integer> ordered) {

    private static final Pattern OPEN = Pattern.compile("(?m)^<<<ANSWER-([0-9a-f]{32})>>>$");
    private static final Pattern PARAGRAPH = Pattern.compile("\\n[ \\t]*\\n\\s*");
    // "Grammar: 10/10", "reply grammar = 10 / 10": a score out of 10 after a dimension's name. A placeholder such as
    // "Grammar: <score>/10" in the reply format asks for nothing.
    private static final Pattern ORDER = Pattern.compile(
            "(?i)\\b(grammar|creativity|consistency)\\b[^\\n\\d:=]{0,40}?[:=][\\s*_]*(\\d{1,2})\\s*/\\s*10\\b");

    JudgePrompt {
        ordered = Map.copyOf(ordered);
    }

    /**
     * @param prompt  the judge task's prompt
     * @param subject the judged completion's text, which is what a prompt without markers is taken to judge
     */
    static JudgePrompt read(String prompt, String subject) {
        Matcher open = OPEN.matcher(prompt);
        if (open.find()) {
            String close = "\n<<<END-ANSWER-" + open.group(1) + ">>>";
            int end = prompt.lastIndexOf(close);
            if (end >= open.end()) {
                String data = prompt.substring(Math.min(end, open.end() + 1), end);
                String instructions = prompt.substring(0, open.start()) + prompt.substring(end + close.length());
                return new JudgePrompt(withoutNotesToTheJudge(data), orders(instructions));
            }
        }
        return new JudgePrompt(subject, orders(prompt));
    }

    /** {@code data} without its paragraphs that ask for a score. */
    private static String withoutNotesToTheJudge(String data) {
        return PARAGRAPH.splitAsStream(data).filter(paragraph -> !ORDER.matcher(paragraph).find())
                .collect(Collectors.joining("\n\n"));
    }

    /** The last score out of 10 the text asks for per dimension, when it is 1-10. */
    private static Map<String, Integer> orders(String text) {
        Map<String, Integer> ordered = new HashMap<>();
        Matcher matcher = ORDER.matcher(text);
        while (matcher.find()) {
            int score = Integer.parseInt(matcher.group(2));
            if (score >= 1 && score <= 10) {
                ordered.put(matcher.group(1).toLowerCase(Locale.ROOT), score);
            }
        }
        return ordered;
    }
}
