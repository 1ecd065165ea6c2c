package io.evalstream.producer.prompt;

import static io.evalstream.producer.prompt.MathPromptTest.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.producer.dataset.ChoiceQuestion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ChoicePromptTest {

    private static final List<ChoiceQuestion> ASTRONOMY_DEV = List.of(
            question("astronomy-0", "Which planet is known as the Red Planet?", "B", "Venus", "Mars", "Jupiter",
                    "Mercury"),
            question("astronomy-1", "Which force keeps the planets in orbit around the Sun?", "C", "Magnetism",
                    "Friction", "Gravity", "Electrostatic attraction"),
            question("astronomy-2", "What is the Sun?", "B", "A planet", "A star", "A comet", "A galaxy"),
            question("astronomy-3", "Unused exemplar?", "A", "a", "b", "c", "d"));
    private static final ChoiceQuestion ITEM = question("astronomy-7",
            "Which galaxy contains the Solar System?", "A", "The Milky Way", "Andromeda", "Triangulum",
            "The Large Magellanic Cloud");
    private static final ChoicePrompt TEMPLATE = new ChoicePrompt(Map.of(
            "astronomy", ASTRONOMY_DEV,
            "virology", ASTRONOMY_DEV.subList(0, 3)));

    @Test
    void zeroShotWithoutChainOfThought() {
        assertThat(TEMPLATE.render(ITEM, settings(0, false))).isEqualTo("""
                The following are multiple choice questions (with answers) about astronomy.

                Which galaxy contains the Solar System?
                (A) The Milky Way
                (B) Andromeda
                (C) Triangulum
                (D) The Large Magellanic Cloud
                Answer:""");
    }

    @Test
    void zeroShotWithChainOfThought() {
        assertThat(TEMPLATE.render(ITEM, settings(0, true))).isEqualTo("""
                The following are multiple choice questions (with answers) about astronomy. Think step by step, \
                then end your answer with "The answer is (X)." where X is the letter of the correct option.

                Which galaxy contains the Solar System?
                (A) The Milky Way
                (B) Andromeda
                (C) Triangulum
                (D) The Large Magellanic Cloud
                Answer: Let's think step by step.""");
    }

    @Test
    void threeShotWithoutChainOfThought() {
        assertThat(TEMPLATE.render(ITEM, settings(3, false))).isEqualTo("""
                The following are multiple choice questions (with answers) about astronomy.

                Which planet is known as the Red Planet?
                (A) Venus
                (B) Mars
                (C) Jupiter
                (D) Mercury
                Answer: (B)

                Which force keeps the planets in orbit around the Sun?
                (A) Magnetism
                (B) Friction
                (C) Gravity
                (D) Electrostatic attraction
                Answer: (C)

                What is the Sun?
                (A) A planet
                (B) A star
                (C) A comet
                (D) A galaxy
                Answer: (B)

                Which galaxy contains the Solar System?
                (A) The Milky Way
                (B) Andromeda
                (C) Triangulum
                (D) The Large Magellanic Cloud
                Answer:""");
    }

    @Test
    void threeShotWithChainOfThought() {
        assertThat(TEMPLATE.render(ITEM, settings(3, true))).isEqualTo("""
                The following are multiple choice questions (with answers) about astronomy. Think step by step, \
                then end your answer with "The answer is (X)." where X is the letter of the correct option.

                Which planet is known as the Red Planet?
                (A) Venus
                (B) Mars
                (C) Jupiter
                (D) Mercury
                Answer: The answer is (B).

                Which force keeps the planets in orbit around the Sun?
                (A) Magnetism
                (B) Friction
                (C) Gravity
                (D) Electrostatic attraction
                Answer: The answer is (C).

                What is the Sun?
                (A) A planet
                (B) A star
                (C) A comet
                (D) A galaxy
                Answer: The answer is (B).

                Which galaxy contains the Solar System?
                (A) The Milky Way
                (B) Andromeda
                (C) Triangulum
                (D) The Large Magellanic Cloud
                Answer: Let's think step by step.""");
    }

    @Test
    void theSubjectIsWrittenWithSpacesAndExemplarsComeFromTheItemsOwnSubject() {
        ChoiceQuestion biology = new ChoiceQuestion("high_school_biology-0", "high_school_biology", "Q?",
                List.of("a", "b", "c", "d"), "D");
        ChoicePrompt template = new ChoicePrompt(Map.of("high_school_biology",
                List.of(new ChoiceQuestion("high_school_biology-0", "high_school_biology", "Cells?",
                        List.of("w", "x", "y", "z"), "C"))));

        assertThat(template.render(biology, settings(1, false))).isEqualTo("""
                The following are multiple choice questions (with answers) about high school biology.

                Cells?
                (A) w
                (B) x
                (C) y
                (D) z
                Answer: (C)

                Q?
                (A) a
                (B) b
                (C) c
                (D) d
                Answer:""");
    }

    @Test
    void theSmallestSubjectPoolBoundsTheShots() {
        assertThat(TEMPLATE.maxShots()).isEqualTo(3);
        assertThatThrownBy(() -> new ChoicePrompt(Map.of()).render(ITEM, settings(1, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("settings.shots is 1 but only 0 few-shot exemplars are available");
    }

    private static ChoiceQuestion question(String id, String text, String answer, String... choices) {
        return new ChoiceQuestion(id, "astronomy", text, List.of(choices), answer);
    }
}
