package io.evalstream.grader.judging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class TextStatisticsTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(textBlock = """
            a,          1
            the,        1
            dog,        1
            happy,      2
            little,     2
            played,     1
            jumped,     1
            made,       1
            ball,       1
            garden,     2
            yellow,     2
            butterfly,  3
            together,   3
            """)
    void countsSyllablesByVowelGroups(String word, int syllables) {
        assertThat(TextStatistics.syllables(word)).isEqualTo(syllables);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Lily had a red ball. She liked it!     | 8 | 2
            she didn't go, did she? No.            | 6 | 2
            and they played and played and played  | 7 | 1
            ...                                    | 0 | 0
            Ünal saw İstanbul. Ça va               | 5 | 2
            """)
    void countsWordsAndSentences(String text, int words, int sentences) {
        TextStatistics stats = TextStatistics.of(text);

        assertThat(stats.words()).hasSize(words);
        assertThat(stats.sentences()).isEqualTo(sentences);
    }

    @Test
    void keepsContractionsWholeAndFoldsCaseWithoutALocale() {
        assertThat(TextStatistics.words("Max didn’t SEE the ball.")).containsExactly("max", "didn't", "see", "the",
                "ball");
    }

    @Test
    void seesALoopAsFewDistinctBigramsAndAStoryAsMany() {
        TextStatistics loop = TextStatistics.of("He was happy. He was happy. He was happy. He was happy.");
        TextStatistics story = TextStatistics.of("He found a ball under the tree and gave it to Lily.");

        assertThat(loop.distinctBigrams()).isCloseTo(3.0 / 11, within(1e-9));
        assertThat(loop.typeTokenRatio()).isCloseTo(3.0 / 12, within(1e-9));
        assertThat(story.distinctBigrams()).isEqualTo(1.0);
        assertThat(TextStatistics.of("Max").distinctBigrams()).isZero();
        assertThat(TextStatistics.of("").typeTokenRatio()).isZero();
    }

    @Test
    void measuresNoveltyOnContentWordsOnly() {
        List<String> beginning = TextStatistics.words("Max loved to run in the park. One day, Max");

        // "found", "ball" are new; "park" and "max" are not; "a", "in", "the" are function words.
        assertThat(TextStatistics.of(" found a ball in the park, Max").novelty(beginning)).isEqualTo(0.5);
        assertThat(TextStatistics.of(" and the").novelty(beginning)).isZero();
        assertThat(TextStatistics.of("").novelty(beginning)).isZero();
    }

    @Test
    void gradesReadabilityAndCapsRunOnSentences() {
        TextStatistics simple = TextStatistics.of("The cat sat. The dog ran.");
        // 3 words per sentence, 1 syllable per word: 0.39 * 3 + 11.8 - 15.59
        assertThat(simple.fleschKincaidGrade()).isCloseTo(-2.62, within(1e-9));
        TextStatistics runOn = TextStatistics.of("Spot, ".repeat(60));
        assertThat(runOn.fleschKincaidGrade()).isCloseTo(0.39 * 20 + 11.8 - 15.59, within(1e-9));
        assertThat(TextStatistics.of("").fleschKincaidGrade()).isZero();
    }
}
