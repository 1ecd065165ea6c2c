package io.evalstream.grader.judging;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Judgement;
import io.evalstream.grader.judging.tools.LanguageToolGrammar;
import io.evalstream.grader.judging.tools.MiniLmEmbedder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The automatic judge with its real tools (LanguageTool, MiniLM on ONNX Runtime) on realistic continuations. */
@Timeout(300)
class StoryJudgeTest {

    static final String MAX = "Once upon a time, there was a little dog named Max. Max loved to run in the park. One day, Max";
    static final String GOOD = " found a small red ball under a big tree. He picked it up with his mouth and ran to"
            + " his friend Lily. Lily laughed and threw the ball far across the grass. Max chased it as fast as he"
            + " could. When he brought it back, Lily gave him a hug. From that day on, the ball was Max's favorite"
            + " toy, and they played with it every afternoon.";
    static final String LOOP = " was very happy. He was very happy. He was very happy. He was very happy. He was very"
            + " happy. He was very happy. He was very happy. He was very happy. He was very happy. He was very happy.";
    static final String SPOT = " saw a dog, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot,"
            + " Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot, Spot";
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
    void prints() {
        for (String text : new String[] {GOOD, LOOP, SPOT, UNGRAMMATICAL, OFF_TOPIC, " ran", ""}) {
            Judgement j = judge.judge(MAX, text);
            System.out.println(j.scores() + " " + j.labels() + " " + j.measures());
        }
        assertThat(judge).isNotNull();
    }
}
