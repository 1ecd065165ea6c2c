package io.evalstream.producer.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.Settings;
import io.evalstream.producer.dataset.MathProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class MathPromptTest {

    private static final List<MathProblem> POOL = List.of(
            new MathProblem("0", "Kim has 7 red balloons and 5 blue balloons. She pops 3 of them. How many balloons"
                    + " does she have left?", "Kim has 7 + 5 = <<7+5=12>>12 balloons.\nAfter popping 3 she has"
                    + " 12 - 3 = <<12-3=9>>9 balloons.", "9"),
            new MathProblem("1", "A pack of gum has 5 pieces. Leo buys 6 packs and chews 4 pieces. How many pieces"
                    + " are left?", "Leo buys 6 * 5 = <<6*5=30>>30 pieces.\nHe has 30 - 4 = <<30-4=26>>26 pieces"
                    + " left.", "26"),
            new MathProblem("2", "A library had 2,450 books and bought 550 more. How many books does it have?",
                    "It has 2,450 + 550 = <<2450+550=3000>>3,000 books.", "3000"),
            new MathProblem("3", "Unused exemplar?", "1 + 1 = <<1+1=2>>2", "2"));
    private static final MathProblem ITEM = new MathProblem("17", "Tom reads 18 pages every day. How many days"
            + " does it take him to finish a 270-page book?", "270 / 18 = <<270/18=15>>15", "15");
    private static final MathPrompt TEMPLATE = new MathPrompt(POOL);

    @Test
    void zeroShotWithoutChainOfThought() {
        assertThat(TEMPLATE.render(ITEM, settings(0, false))).isEqualTo("""
                Solve each math word problem. End your answer with "The answer is <number>."

                Question: Tom reads 18 pages every day. How many days does it take him to finish a 270-page book?
                Answer:""");
    }

    @Test
    void zeroShotWithChainOfThought() {
        assertThat(TEMPLATE.render(ITEM, settings(0, true))).isEqualTo("""
                Solve each math word problem. End your answer with "The answer is <number>."

                Question: Tom reads 18 pages every day. How many days does it take him to finish a 270-page book?
                Answer: Let's think step by step.""");
    }

    @Test
    void threeShotWithoutChainOfThoughtShowsOnlyTheAnswers() {
        assertThat(TEMPLATE.render(ITEM, settings(3, false))).isEqualTo("""
                Solve each math word problem. End your answer with "The answer is <number>."

                Question: Kim has 7 red balloons and 5 blue balloons. She pops 3 of them. How many balloons does she have left?
                Answer: The answer is 9.

                Question: A pack of gum has 5 pieces. Leo buys 6 packs and chews 4 pieces. How many pieces are left?
                Answer: The answer is 26.

                Question: A library had 2,450 books and bought 550 more. How many books does it have?
                Answer: The answer is 3000.

                Question: Tom reads 18 pages every day. How many days does it take him to finish a 270-page book?
                Answer:""");
    }

    @Test
    void threeShotWithChainOfThoughtShowsTheWorkedSolutionsWithoutCalculatorAnnotations() {
        assertThat(TEMPLATE.render(ITEM, settings(3, true))).isEqualTo("""
                Solve each math word problem. End your answer with "The answer is <number>."

                Question: Kim has 7 red balloons and 5 blue balloons. She pops 3 of them. How many balloons does she have left?
                Answer: Kim has 7 + 5 = 12 balloons.
                After popping 3 she has 12 - 3 = 9 balloons.
                The answer is 9.

                Question: A pack of gum has 5 pieces. Leo buys 6 packs and chews 4 pieces. How many pieces are left?
                Answer: Leo buys 6 * 5 = 30 pieces.
                He has 30 - 4 = 26 pieces left.
                The answer is 26.

                Question: A library had 2,450 books and bought 550 more. How many books does it have?
                Answer: It has 2,450 + 550 = 3,000 books.
                The answer is 3000.

                Question: Tom reads 18 pages every day. How many days does it take him to finish a 270-page book?
                Answer: Let's think step by step.""");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            She makes 9 * 2 = $<<9*2=18>>18.             | She makes 9 * 2 = $18.
            <<1+1=2>>2 and <<2*3=6>>6                     | 2 and 6
            No annotations at all.                        | No annotations at all.
            A stray << stays                              | A stray << stays
            Per cent: 20% of 50 = <<20*.01*50=10>>10      | Per cent: 20% of 50 = 10
            """)
    void reasoningDropsCalculatorAnnotationsOnly(String solution, String reasoning) {
        assertThat(MathPrompt.reasoning(solution)).isEqualTo(reasoning);
    }

    @Test
    void theSameItemAndSettingsAlwaysGiveTheSamePrompt() {
        assertThat(TEMPLATE.render(ITEM, settings(2, true))).isEqualTo(TEMPLATE.render(ITEM, settings(2, true)));
    }

    @Test
    void askingForMoreShotsThanThePoolHoldsIsRejected() {
        assertThat(TEMPLATE.maxShots()).isEqualTo(4);
        assertThatThrownBy(() -> TEMPLATE.render(ITEM, settings(5, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("settings.shots is 5 but only 4 few-shot exemplars are available");
    }

    static Settings settings(int shots, boolean chainOfThought) {
        return Settings.of(shots, chainOfThought, null, null, null, null, null);
    }
}
