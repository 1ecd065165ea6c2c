package io.evalstream.grader.judging;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Judgement;
import io.evalstream.grader.judging.tools.LanguageToolGrammar;
import io.evalstream.grader.judging.tools.MiniLmEmbedder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The automatic judge with its real tools (LanguageTool en-US, all-MiniLM-L6-v2 on ONNX Runtime, both from Maven)
 * on realistic continuations of one of the story benchmark's beginnings.
 */
@Tag("integration")
@Timeout(300)
class StoryJudgeTest {

    static final String BEGINNING = "Once upon a time, there was a little dog named Max. Max loved to run in the park."
            + " One day, Max";
    static final String GOOD = " found a small red ball under a big tree. He picked it up with his mouth and ran to"
            + " his friend Lily. Lily laughed and threw the ball far across the grass. Max chased it as fast as he"
            + " could. When he brought it back, Lily gave him a hug. From that day on, the ball was Max's favorite"
            + " toy, and they played with it every afternoon.";
    /** What tiny models do when they lose the thread: the same sentence, or the same word, over and over. */
    static final String SENTENCE_LOOP = " was very happy. He was very happy. He was very happy. He was very happy. He"
            + " was very happy. He was very happy. He was very happy. He was very happy. He was very happy.";
    static final String WORD_LOOP = " saw a dog, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot,"
            + " Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot";
    static final String UNGRAMMATICAL = " go to park and he play with ball. The ball are red and Max like it so much."
            + " Then Lily come and she take the ball from Max and Max are sad. Him cry and cry becuse the ball were"
            + " his. Lily say sorry and give it back and they is friend again.";
    static final String OFF_TOPIC = " The quarterly earnings report showed that revenue rose by four percent, while"
            + " operating costs fell. Analysts expect interest rates to remain stable through the next fiscal year,"
            + " and the board approved a new share buyback program.";

    static StoryJudge judge;

    @BeforeAll
    static void loadTools() {
        judge = new StoryJudge(new LanguageToolGrammar(1), new MiniLmEmbedder());
    }

    @Test
    void scoresAGoodStoryHighOnEveryDimensionAndReadsItAsAYoungChildsStory() {
        Judgement good = judge.judge(BEGINNING, GOOD);

        assertThat(good.judge()).isEqualTo("auto");
        assertThat(good.rubric()).isEqualTo("tinystories");
        assertThat(good.scores()).containsOnlyKeys("grammar", "creativity", "consistency");
        assertThat(good.scores().values()).allSatisfy(score -> assertThat(score).isGreaterThanOrEqualTo(8.0));
        assertThat(good.labels().get("age_group")).isIn("B: 4-5", "C: 6-7", "D: 8-9");
        assertThat(good.measures()).containsKeys("grammar_errors_per_100_words", "embedding_similarity", "novelty",
                "distinct_bigrams", "type_token_ratio", "words", "sentences", "flesch_kincaid_grade");
        assertThat(good.measures().get("grammar_errors_per_100_words")).isLessThanOrEqualTo(1.5);
        assertThat(good.measures().get("words")).isEqualTo(67.0);
        assertThat(good.normalizedScore()).isGreaterThan(0.75);
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {SENTENCE_LOOP, WORD_LOOP})
    void scoresARepetitionLoopAtTheBottomForCreativity(String loop) {
        Judgement looping = judge.judge(BEGINNING, loop);

        assertThat(looping.measures().get("distinct_bigrams")).isLessThan(0.2);
        assertThat(looping.scores().get("creativity")).isEqualTo(1.0);
        assertThat(looping.normalizedScore()).isLessThan(judge.judge(BEGINNING, GOOD).normalizedScore() - 0.3);
    }

    @Test
    void scoresUngrammaticalTextLowOnGrammarFromLanguageToolsErrors() {
        Judgement sloppy = judge.judge(BEGINNING, UNGRAMMATICAL);

        assertThat(sloppy.measures().get("grammar_errors")).isGreaterThanOrEqualTo(4.0);
        assertThat(sloppy.measures().get("grammar_errors_per_100_words")).isGreaterThan(8.0);
        assertThat(sloppy.scores().get("grammar")).isLessThanOrEqualTo(4.0);
    }

    @Test
    void scoresAnOffTopicContinuationLessConsistentThanAnOnTopicOne() {
        Judgement offTopic = judge.judge(BEGINNING, OFF_TOPIC);
        Judgement onTopic = judge.judge(BEGINNING, GOOD);

        assertThat(offTopic.measures().get("embedding_similarity"))
                .isLessThan(onTopic.measures().get("embedding_similarity") - 0.3);
        assertThat(offTopic.scores().get("consistency")).isLessThanOrEqualTo(2.0);
        assertThat(onTopic.scores().get("consistency")).isGreaterThanOrEqualTo(8.0);
        // Grown-up prose reads as written by a teenager, not a small child.
        assertThat(offTopic.labels().get("age_group")).isIn("E: 10-12", "F: 13-16");
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "   ", " ran", " Max!", "..."})
    void scoresAnEmptyOrOneWordContinuationAtTheBottomWithoutFailing(String continuation) {
        Judgement tiny = judge.judge(BEGINNING, continuation);

        assertThat(tiny.scores().values()).containsOnly(1.0);
        assertThat(tiny.normalizedScore()).isZero();
        assertThat(tiny.measures().get("words")).isLessThanOrEqualTo(1.0);
    }

    @Test
    void countsOnlyTheErrorsOfTheContinuationNotThoseOfTheBeginning() {
        String sloppyBeginning = "Once upon a time their was a dog. Him like the park. One day, Max";

        Judgement judged = judge.judge(sloppyBeginning, " found a ball and brought it home to his mother.");

        assertThat(judged.measures().get("grammar_errors")).isZero();
    }
}
