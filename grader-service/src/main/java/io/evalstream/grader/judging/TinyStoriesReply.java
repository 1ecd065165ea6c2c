package io.evalstream.grader.judging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the block a TinyStories judge's reply must end with: one line per dimension in the rubric's order (grammar,
 * creativity, consistency), then the age-group line (optional: a reply without it loses only the label), nothing after (blank lines aside). Only that final block counts. Scores anywhere
 * before it (an assessment that quotes numbers, a story echoed with the scores it asks for, a first draft of the
 * block) are ignored, and a reply with anything but the block at its end is unreadable: were a block followed by
 * chatter accepted, a judge that quotes the judged answer after its verdict would hand the answer's own block the
 * last word.
 *
 * <p>Within a line, formatting is forgiven: case, markdown bold or list markers, an aside after the name
 * ("Consistency (with the beginning):"), {@code 8/10}, {@code 8 out of 10}, {@code 8}, {@code 7.5}. Names and digits
 * are ASCII: a look-alike letter or a full-width digit is not read as one.
 */
final class TinyStoriesReply {

    /** A block line is short; longer lines are prose, and never reach a regular expression. */
    private static final int MAX_LINE = 200;
    private static final int MAX_QUOTE = 60;
    private static final String LEAD = "[\\s*_>#-]*";
    private static final String SCORE = "\\b[^\\d:=]{0,40}?[:=][\\s*_]*(\\d{1,3}(?:\\.\\d+)?)"
            + "(?:\\s*(?:/|out\\s+of)\\s*(\\d{1,3}))?[\\s*_.]*";
    private static final Pattern AGE = Pattern.compile("(?i)" + LEAD + "age(?:\\s+group)?\\b[^\\d:=]{0,30}?[:=]"
            + "[\\s*_(]*([a-f])\\b[^\\p{L}]{0,20}(?:or\\s+under[^\\p{L}]{0,5})?");
    private static final String HINT = " (the reply must end with the lines 'Grammar: 8/10', 'Creativity: 6/10',"
            + " 'Consistency: 7/10', 'Age group: B (4-5)', nothing after)";

    private TinyStoriesReply() {
    }

    /**
     * @param dimensions the rubric's dimensions, in the order their lines must come
     * @return the block's scores and age group, or what made the reply unreadable
     */
    static JudgeReply read(String reply, List<String> dimensions) {
        if (reply == null || reply.isBlank()) {
            return new JudgeReply.Unreadable("the judge's reply is empty");
        }
        List<String> lines = reply.lines().filter(line -> !line.isBlank()).map(String::strip).toList();
        int next = lines.size() - 1;
        Optional<AgeGroup> age = match(AGE, lines.get(next)).flatMap(m -> AgeGroup.ofLetter(m.group(1)));
        if (age.isPresent()) {
            next--;
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int d = dimensions.size() - 1; d >= 0; d--, next--) {
            String dimension = dimensions.get(d);
            Optional<Matcher> line = next < 0 ? Optional.empty() : match(pattern(dimension), lines.get(next));
            if (line.isEmpty()) {
                boolean nothingOfTheBlock = d == dimensions.size() - 1 && age.isEmpty() && next >= 0;
                return unreadable(nothingOfTheBlock ? "it does not end with the score block; its last line is '"
                        + quote(lines.get(next)) + "'" : "no " + dimension + " score in the final block");
            }
            score(dimension, line.get()).ifPresentOrElse(problems::add,
                    () -> scores.put(dimension, Double.parseDouble(line.get().group(1))));
        }
        if (!problems.isEmpty()) {
            return unreadable(String.join("; ", problems.reversed()));
        }
        return new JudgeReply.Read(scores, age.map(group -> Map.of(AgeGroup.LABEL, group.label())).orElse(Map.of()),
                age.isPresent() ? null : "the judge gave no age group A-F");
    }

    /** What is wrong with a score line's number, if anything. */
    private static Optional<String> score(String dimension, Matcher line) {
        double value = Double.parseDouble(line.group(1));
        if (line.group(2) != null && !line.group(2).equals("10")) {
            return Optional.of(dimension + " scored out of " + line.group(2) + ", not 10");
        }
        if (value < 1 || value > 10) {
            return Optional.of(dimension + " score " + line.group(1) + " is outside 1-10");
        }
        return Optional.empty();
    }

    private static Pattern pattern(String dimension) {
        return Pattern.compile("(?i)" + LEAD + Pattern.quote(dimension.toLowerCase(Locale.ROOT)) + SCORE);
    }

    private static Optional<Matcher> match(Pattern pattern, String line) {
        if (line.length() > MAX_LINE) {
            return Optional.empty();
        }
        Matcher matcher = pattern.matcher(line);
        return matcher.matches() ? Optional.of(matcher) : Optional.empty();
    }

    private static JudgeReply.Unreadable unreadable(String problem) {
        return new JudgeReply.Unreadable("judge reply unreadable: " + problem + HINT);
    }

    private static String quote(String line) {
        return line.length() <= MAX_QUOTE ? line : line.substring(0, MAX_QUOTE - 1) + "…";
    }
}
