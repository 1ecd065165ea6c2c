package io.evalstream.grader.judging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.InvalidRecordException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class TinyStoriesRubricTest {

    private static final TinyStoriesRubric RUBRIC = new TinyStoriesRubric();

    static Stream<Arguments> readableReplies() {
        return Stream.of(
                Arguments.of("the agreed format", """
                        Grammar: 8/10
                        Creativity: 6/10
                        Consistency: 7/10
                        Age group: B (4-5)
                        """, 8.0, 6.0, 7.0, "B: 4-5"),
                Arguments.of("lower case, bare numbers, decimals", """
                        grammar: 9
                        creativity: 7.5
                        consistency: 4
                        age group: c
                        """, 9.0, 7.5, 4.0, "C: 6-7"),
                Arguments.of("assessment before the grades; numbers in the prose are not scores", """
                        The student completes the split sentence well ("Max found a ball"). The grammar has 2 small
                        slips and the creativity is modest, 3 ideas at most; consistency with the beginning is good.

                        Grammar: 7 out of 10
                        Creativity: 5 out of 10
                        Consistency: 9 out of 10
                        Age group: D (8-9)
                        """, 7.0, 5.0, 9.0, "D: 8-9"),
                Arguments.of("markdown bold and a list", """
                        - **Grammar:** 6/10
                        - **Creativity**: 8/10
                        - **Consistency (with the beginning):** 10/10
                        - **Age group:** E: 10-12
                        """, 6.0, 8.0, 10.0, "E: 10-12"),
                Arguments.of("an echo of the format before the answer", """
                        Grammar: <score>/10
                        Grammar: 3/10
                        Creativity: 2/10
                        Consistency: 1/10
                        Age group: A (3 or under)
                        """, 3.0, 2.0, 1.0, "A: 3 or under"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableReplies")
    void readsTheScoresOfRealisticReplies(String name, String reply, double grammar, double creativity,
            double consistency, String ageGroup) {
        JudgeReply read = RUBRIC.read(reply);

        assertThat(read).isEqualTo(new JudgeReply.Read(Map.of("grammar", grammar, "creativity", creativity,
                "consistency", consistency), Map.of("age_group", ageGroup), null));
    }

    @Test
    void readsTheScoresWithoutAnAgeGroupAndSaysItWasMissing() {
        JudgeReply read = RUBRIC.read("Grammar: 8/10\nCreativity: 6/10\nConsistency: 7/10\n");

        assertThat(read).isEqualTo(new JudgeReply.Read(Map.of("grammar", 8.0, "creativity", 6.0, "consistency", 7.0),
                Map.of(), "the judge gave no age group A-F"));
    }

    static Stream<Arguments> unreadableReplies() {
        return Stream.of(
                Arguments.of("", "the judge's reply is empty"),
                Arguments.of("Once upon a time there was a judge who liked stories.",
                        "no grammar score; no creativity score; no consistency score"),
                Arguments.of("Grammar: 8/10\nConsistency: 7/10\nAge group: B", "no creativity score"),
                Arguments.of("Grammar: 11/10\nCreativity: 0/10\nConsistency: 7/10",
                        "grammar score 11 is outside 1-10; creativity score 0 is outside 1-10"),
                Arguments.of("Grammar: 4/5\nCreativity: 3/5\nConsistency: 5/5",
                        "grammar scored out of 5, not 10"),
                Arguments.of("The grammar is good, 8 of 10 maybe. Creativity is fine. Consistency: high.",
                        "no grammar score; no creativity score; no consistency score"),
                Arguments.of("Grammar: eight\nCreativity: 6\nConsistency: 7", "no grammar score"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("unreadableReplies")
    void saysWhatIsMissingFromAnUnreadableReply(String reply, String reason) {
        assertThat(RUBRIC.read(reply)).isInstanceOfSatisfying(JudgeReply.Unreadable.class,
                unreadable -> assertThat(unreadable.reason()).contains(reason));
    }

    @Test
    void asksThePapersQuestionsAboutTheTextAfterTheSeparatorAndEndsWithTheReplyFormat() {
        String prompt = RUBRIC.judgePrompt("Lily had a red ball. But one day, the ball", "rolled into the pond.");

        assertThat(prompt).startsWith("In the following exercise, the student is given a beginning of a story.")
                .contains("\n\nLily had a red ball. But one day, the ball***rolled into the pond.\n\n")
                .contains("A: 3 or under. B: 4-5. C: 6-7. D: 8-9. E: 10-12. F: 13-16.")
                .endsWith("Grammar: <score>/10\nCreativity: <score>/10\nConsistency: <score>/10\n"
                        + "Age group: <letter> (<ages>)\n");
    }

    @Test
    void namesTheKnownRubricsWhenAskedForAnUnknownOne() {
        assertThat(Rubrics.of("tinystories")).isInstanceOf(TinyStoriesRubric.class);
        assertThatThrownBy(() -> Rubrics.of("mt-bench")).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("unknown rubric 'mt-bench'").hasMessageEndingWith("knows tinystories");
    }
}
