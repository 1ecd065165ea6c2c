package io.evalstream.grader.judging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class StoryScalesTest {

    @ParameterizedTest(name = "{0} errors per 100 words -> grammar {1}")
    @CsvSource(textBlock = """
            0,     10
            0.5,   10
            1.2,   9
            2.5,   8
            3.9,   7
            5.0,   6
            8.0,   5
            10.9,  4
            15.0,  3
            19.9,  2
            20.1,  1
            250,   1
            """)
    void mapsGrammarErrorsPerHundredWordsOntoTenSteps(double errorsPer100, double score) {
        assertThat(StoryScales.grammar(errorsPer100)).isEqualTo(score);
    }

    @ParameterizedTest(name = "similarity {0} -> consistency {1}")
    @CsvSource(textBlock = """
            -0.2,  1.0
            0.0,   1.0
            0.15,  1.0
            0.27,  3.7
            0.35,  5.5
            0.45,  7.8
            0.55,  10.0
            0.9,   10.0
            """)
    void mapsEmbeddingSimilarityLinearlyBetweenUnrelatedAndOnTopic(double similarity, double score) {
        assertThat(StoryScales.consistency(similarity)).isEqualTo(score);
    }

    @ParameterizedTest(name = "novelty {0}, distinct bigrams {1} -> creativity {2}")
    @CsvSource(textBlock = """
            # a new, varied story
            0.9,  0.98, 10.0
            # a loop of new words is still a loop
            1.0,  0.15, 1.0
            1.0,  0.50, 1.0
            # a varied retelling of the beginning
            0.1,  0.95, 4.6
            # half-way on both
            0.45, 0.74, 4.8
            0.7,  0.9,  10.0
            0.0,  0.0,  1.0
            """)
    void letsRepetitionGateCreativityAndNoveltyMoveIt(double novelty, double distinctBigrams, double score) {
        assertThat(StoryScales.creativity(novelty, distinctBigrams)).isEqualTo(score);
    }

    @ParameterizedTest(name = "{0} words -> at most {1}")
    @CsvSource(textBlock = """
            0,   1
            1,   1
            2,   3
            4,   3
            5,   5
            9,   5
            10,  8
            19,  8
            20,  10
            500, 10
            """)
    void capsTheScoresOfTextsTooShortToShowAnything(int words, double cap) {
        assertThat(StoryScales.evidenceCap(words)).isEqualTo(cap);
    }

    @ParameterizedTest(name = "grade {0} -> {1}")
    @CsvSource(textBlock = """
            -3.4, A
            -1.0, B
            0.5,  B
            1.0,  C
            2.5,  C
            4.9,  D
            5.0,  E
            7.9,  E
            8.0,  F
            14.0, F
            """)
    void mapsTheReadabilityGradeOntoTheAgeGroups(double grade, AgeGroup group) {
        assertThat(StoryScales.ageGroup(grade)).isEqualTo(group);
    }
}
