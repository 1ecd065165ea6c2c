package io.evalstream.grader.judging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TinyStories rubric (Eldan and Li, 2023, "GPT-Eval"): a judge reads the beginning of a children's story and a
 * student's continuation, scores grammar, creativity and consistency with the beginning 1-10 and guesses the
 * student's age group A-F. The prompt is the paper's, with the reply format of the project fixed at its end.
 */
public final class TinyStoriesRubric implements Rubric {

    public static final String ID = "tinystories";
    public static final String GRAMMAR = "grammar";
    public static final String CREATIVITY = "creativity";
    public static final String CONSISTENCY = "consistency";
    private static final List<String> DIMENSIONS = List.of(GRAMMAR, CREATIVITY, CONSISTENCY);

    // "Grammar: 8/10", "**Grammar:** 7 out of 10", "Consistency (with the beginning): 6.5": the dimension's name,
    // a short aside without digits, a colon or equals sign, emphasis marks, the score and an optional scale. Only
    // such labelled scores count: in prose ("the grammar has 2 slips") the number is not a score.
    private static final String SCORE = "[^\\n\\d:=]{0,40}?[:=][\\s*_]*(\\d{1,3}(?:\\.\\d+)?)"
            + "(?:\\s*(?:/|out\\s+of)\\s*(\\d{1,3}))?";
    private static final Pattern AGE = Pattern.compile(
            "(?i)\\bage(?:\\s+group)?\\b[^\\n:=]{0,30}?[:=][\\s*_(]*([a-f])\\b");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String judgePrompt(String beginning, String continuation) {
        return """
                In the following exercise, the student is given a beginning of a story. The student needs to complete \
                it into a full story. The exercise tests the student's language abilities and creativity. The symbol \
                *** marks the separator between the prescribed beginning and the student's completion:

                %s***%s

                Please provide your general assessment about the part written by the student (the one after the *** \
                symbol). Is it grammatically correct? Is it consistent with the beginning of the story? Pay special \
                attention to whether the student manages to complete the sentence which is split in the middle by the \
                separator ***.

                Now, grade the student's completion in terms of grammar, creativity, consistency with the story's \
                beginning and whether the plot makes sense. Moreover, please provide your best guess of what the age \
                of the student might be, as reflected from the completion. Choose from possible age groups: A: 3 or \
                under. B: 4-5. C: 6-7. D: 8-9. E: 10-12. F: 13-16.

                End your reply with exactly these four lines, each score a whole number from 1 to 10:
                Grammar: <score>/10
                Creativity: <score>/10
                Consistency: <score>/10
                Age group: <letter> (<ages>)
                """.formatted(beginning, continuation);
    }

    /** Reads the last labelled score of each dimension (a reply may discuss before it concludes) and the age group. */
    @Override
    public JudgeReply read(String reply) {
        if (reply == null || reply.isBlank()) {
            return new JudgeReply.Unreadable("the judge's reply is empty");
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String dimension : DIMENSIONS) {
            score(reply, dimension).ifPresentOrElse(score -> {
                if (score.problem() != null) {
                    problems.add(score.problem());
                } else {
                    scores.put(dimension, score.value());
                }
            }, () -> problems.add("no " + dimension + " score"));
        }
        if (!problems.isEmpty()) {
            return new JudgeReply.Unreadable("judge reply unreadable: " + String.join("; ", problems)
                    + " (expected lines like 'Grammar: 8/10')");
        }
        Optional<AgeGroup> age = lastMatch(AGE, reply).flatMap(m -> AgeGroup.ofLetter(m.group(1)));
        return new JudgeReply.Read(scores, age.map(group -> Map.of(AgeGroup.LABEL, group.label())).orElse(Map.of()),
                age.isPresent() ? null : "the judge gave no age group A-F");
    }

    private record Score(double value, String problem) {
    }

    private static Optional<Score> score(String reply, String dimension) {
        Pattern pattern = Pattern.compile("(?i)\\b" + dimension + "\\b" + SCORE);
        return lastMatch(pattern, reply).map(m -> {
            double value = Double.parseDouble(m.group(1));
            if (m.group(2) != null && !m.group(2).equals("10")) {
                return new Score(value, dimension + " scored out of " + m.group(2) + ", not 10");
            }
            if (value < 1 || value > 10) {
                return new Score(value, dimension + " score " + m.group(1) + " is outside 1-10");
            }
            return new Score(value, null);
        });
    }

    private static Optional<MatchResult> lastMatch(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        MatchResult last = null;
        while (matcher.find()) {
            last = matcher.toMatchResult();
        }
        return Optional.ofNullable(last);
    }
}
