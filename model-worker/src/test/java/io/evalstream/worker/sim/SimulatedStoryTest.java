package io.evalstream.worker.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Answer;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.Tasks;
import io.evalstream.worker.sim.SimulatedAnswer.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class SimulatedStoryTest {

    private static final List<String> BEGINNINGS = List.of("Once upon a time", "Tom and Sue went to the park.",
            "Lily had a red ball", "The little dog was sad.", "One day, a big bear found a kite");
    /** The judge reply format of the TinyStories rubric, as the grader reads it. */
    private static final Pattern JUDGEMENT = Pattern.compile("Grammar: (\\d+)/10\nCreativity: (\\d+)/10\n"
            + "Consistency: (\\d+)/10\nAge group: ([A-F]) \\((3 or under|\\d+-\\d+)\\)");
    private static final SimProfiles PROFILES = new SimProfiles(Map.of());

    private static SimulatedModel model(String profile) {
        return new SimulatedModel(PROFILES.forModel("sim-" + profile, Optional.of(profile), SimSettings.NONE));
    }

    private static List<PromptTask> stories(String runId, int count) {
        return IntStream.range(0, count).mapToObj(i -> Tasks.story(runId, "sim", "s" + i,
                BEGINNINGS.get(i % BEGINNINGS.size()), 128)).toList();
    }

    @Test
    void writesTheSameStoryForTheSameTaskInEveryRunAndInstance() {
        List<String> first = stories("run-a", 50).stream().map(t -> model("medium").answer(t).text()).toList();
        List<String> again = stories("run-b", 50).stream().map(t -> model("medium").answer(t).text()).toList();

        assertThat(again).isEqualTo(first);
        assertThat(first.stream().distinct().count()).isGreaterThan(25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"strong", "medium", "weak"})
    void writesPlainStoriesWithinTheTokenLimitAboutTheHeroOfTheBeginning(String profile) {
        List<SimulatedAnswer> answers = stories("run-c", 200).stream().map(model(profile)::answer).toList();

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.text()).doesNotContain(SimulatedModel.LABEL).hasSizeLessThanOrEqualTo(4 * 128);
            assertThat(a.text().isBlank()).isEqualTo(a.outcome() == Outcome.NO_ANSWER);
        });
        PromptTask tomAndSue = Tasks.story("run-c", "sim", "s1", BEGINNINGS.get(1), 128);
        assertThat(model("strong").answer(tomAndSue).text()).containsAnyOf("Tom", "Sue");
    }

    @Test
    void strongerProfilesWriteBetterStories() {
        List<PromptTask> tasks = stories("run-d", 300);
        double strong = meanQuality(model("strong"), tasks);
        double medium = meanQuality(model("medium"), tasks);
        double weak = meanQuality(model("weak"), tasks);

        assertThat(strong).isGreaterThan(medium + 0.5);
        assertThat(medium).isGreaterThan(weak + 0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"strong", "medium", "weak"})
    void judgesInTheRubricFormatWithScoresFromOneToTenDeterministically(String judge) {
        List<PromptTask> judgeTasks = judgeTasks(judge, 200);

        for (PromptTask task : judgeTasks) {
            SimulatedAnswer answer = model(judge).answer(task);
            assertThat(model(judge).answer(task)).isEqualTo(answer);
            if (answer.outcome() == Outcome.NO_ANSWER) {
                assertThat(answer.text()).doesNotContain("/10");
                continue;
            }
            Matcher scores = JUDGEMENT.matcher(answer.text());
            assertThat(scores.matches()).as(answer.text()).isTrue();
            for (int group = 1; group <= 3; group++) {
                assertThat(Integer.parseInt(scores.group(group))).isBetween(1, 10);
            }
        }
    }

    @Test
    void aStrongerJudgeTracksTheQualityOfTheStoryMoreClosely() {
        double strongError = meanJudgeError("strong");
        double weakError = meanJudgeError("weak");

        assertThat(strongError).isLessThan(weakError - 0.3);
        assertThat(strongError).isLessThan(1.2);
    }

    @Test
    void judgesAnEmptyStoryLowAndAWellWrittenOneHigh() {
        StoryJudge.Scores empty = StoryJudge.measure("Once upon a time", "");
        StoryJudge.Scores good = StoryJudge.measure("Tom went to the park.", " Tom loved to play with his kite"
                + " every day. One day, Tom went to the park with his friend. Suddenly, a big wind came and took the"
                + " kite away. Tom thought hard and had a clever idea. In the end, Tom was very happy and said thank"
                + " you.");
        StoryJudge.Scores sloppy = StoryJudge.measure("Tom went to the park.", " he were happy happy and and"
                + " he were happy happy and and he were happy happy and and");

        assertThat(empty).isEqualTo(new StoryJudge.Scores(1, 1, 1));
        assertThat(good.grammar()).isEqualTo(10);
        assertThat(good.creativity()).isGreaterThan(7);
        assertThat(good.consistency()).isEqualTo(10);
        assertThat(sloppy.grammar()).isLessThan(3);
        assertThat(sloppy.creativity()).isLessThan(3);
    }

    @Test
    void failsWithTheErrorKindsOfItsProfile() {
        SimulatedModel flaky = model("flaky");
        Map<ErrorKind, Long> kinds = stories("run-e", 5_000).stream().map(flaky::answer)
                .filter(a -> a.outcome() == Outcome.ERROR)
                .collect(Collectors.groupingBy(SimulatedAnswer::errorKind, Collectors.counting()));

        assertThat(kinds.values().stream().mapToLong(Long::longValue).sum()).isBetween(850L, 1150L);
        assertThat(kinds.keySet()).containsExactlyInAnyOrder(ErrorKind.RATE_LIMITED, ErrorKind.SERVER_ERROR,
                ErrorKind.TIMEOUT);
        assertThat(kinds.get(ErrorKind.RATE_LIMITED)).isGreaterThan(kinds.get(ErrorKind.SERVER_ERROR));
        assertThat(kinds.get(ErrorKind.SERVER_ERROR)).isGreaterThan(kinds.get(ErrorKind.TIMEOUT));
    }

    private static double meanQuality(SimulatedModel model, List<PromptTask> tasks) {
        return tasks.stream().mapToDouble(task -> {
            StoryJudge.Scores s = StoryJudge.measure(task.prompt(), model.answer(task).text());
            return (s.grammar() + s.creativity() + s.consistency()) / 3;
        }).average().orElseThrow();
    }

    /** Judge tasks on stories of all three writers. */
    private static List<PromptTask> judgeTasks(String judge, int count) {
        List<String> writers = List.of("strong", "medium", "weak");
        List<PromptTask> stories = stories("run-j", count);
        return IntStream.range(0, count).mapToObj(i -> {
            PromptTask story = stories.get(i);
            String text = model(writers.get(i % 3)).answer(story).text();
            Completion subject = Completion.of(story, Answer.ok(text),
                    ModelCall.now("sim", true, 5, 1, TokenUsage.NONE));
            return PromptTask.judgeTask(subject, "sim-" + judge, "Rate this story: " + text, 64);
        }).toList();
    }

    private static double meanJudgeError(String judge) {
        ToDoubleFunction<PromptTask> error = task -> {
            Matcher scores = JUDGEMENT.matcher(model(judge).answer(task).text());
            if (!scores.matches()) {
                return 0; // no answer: nothing to compare
            }
            StoryJudge.Scores truth = StoryJudge.measure(task.subject().task().prompt(), task.subject().text());
            return (Math.abs(Integer.parseInt(scores.group(1)) - truth.grammar())
                    + Math.abs(Integer.parseInt(scores.group(2)) - truth.creativity())
                    + Math.abs(Integer.parseInt(scores.group(3)) - truth.consistency())) / 3;
        };
        return judgeTasks(judge, 300).stream().mapToDouble(error).average().orElseThrow();
    }
}
