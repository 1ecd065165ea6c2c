package io.evalstream.worker.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.worker.Tasks;
import io.evalstream.worker.sim.SimulatedAnswer.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class SimulatedModelTest {

    private static final int MANY = 10_000;
    /** What a grader takes as the answer of each extraction, anchored on the simulator's sentence. */
    private static final Pattern NUMERIC_ANSWER = Pattern.compile("The answer is (-?[0-9][0-9.]*)\\.$");
    private static final Pattern LETTER_ANSWER = Pattern.compile("The answer is \\(([A-D])\\)\\.$");
    private static final Pattern ANY_DIGIT = Pattern.compile("[0-9]");
    private static final Pattern STANDALONE_LETTER = Pattern.compile("\\b[A-Da-d]\\b");

    private static List<PromptTask> tasks(String runId, String model, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> i % 2 == 0 ? Tasks.numeric(runId, model, "item-" + i, Integer.toString(i * 7 - 50))
                        : Tasks.choice(runId, model, "item-" + i, SimulatedModel.LETTERS.get(i % 4)))
                .toList();
    }

    @Test
    void sameTaskGetsTheSameAnswerWhateverTheInstanceThreadOrOrder() {
        SimProfile profile = new SimProfile(0.6, Map.of(), Duration.ofMillis(300), 0.8, 0.05, 0.05, 42);
        List<PromptTask> tasks = tasks("run-1", "sim-medium", 2_000);
        SimulatedModel model = new SimulatedModel(profile);
        Map<TaskId, SimulatedAnswer> sequential = tasks.stream()
                .collect(Collectors.toMap(PromptTask::taskId, model::answer));
        List<PromptTask> shuffled = new ArrayList<>(tasks);
        Collections.shuffle(shuffled, new Random(7));
        SimulatedModel other = new SimulatedModel(profile);
        Map<TaskId, SimulatedAnswer> parallel = new ConcurrentHashMap<>();
        shuffled.parallelStream().forEach(task -> parallel.put(task.taskId(), other.answer(task)));

        assertThat(parallel).isEqualTo(sequential);
    }

    /** Issue 19: a headline added to the grader's registry gets the answer form its metric reads. */
    @Test
    void aTaskHeadlinedByAnAddedExtractionIsAnsweredInTheFormItsMetricReads() {
        PromptTask numeric = Tasks.numeric("run-added", "sim-x", "item-1", "42");
        PromptTask added = PromptTask.of(numeric.taskId(), numeric.purpose(), numeric.prompt(),
                new AnswerKey("last_number", "numeric_equal", numeric.reference(), List.of(), null),
                TaskSetup.of(numeric.category(), numeric.settings(), numeric.settingsHash()));
        SimulatedModel always = new SimulatedModel(new SimProfile(1.0, Map.of(), Duration.ofMillis(100), 0.5, 0, 0,
                7));

        SimulatedAnswer answer = always.answer(added);
        assertThat(answer).isEqualTo(always.answer(numeric));
        Matcher stated = NUMERIC_ANSWER.matcher(answer.text());
        assertThat(stated.find()).as(answer.text()).isTrue();
        assertThat(stated.group(1)).isEqualTo("42");
    }

    @Test
    void answersDependOnTheSeedButNotOnTheRunId() {
        SimulatedModel seeded = new SimulatedModel(new SimProfile(0.5, Map.of(), Duration.ofMillis(100), 0.5, 0, 0.1, 1));
        SimulatedModel reseeded = new SimulatedModel(new SimProfile(0.5, Map.of(), Duration.ofMillis(100), 0.5, 0, 0.1, 2));
        List<PromptTask> first = tasks("run-a", "sim-x", 500);
        List<PromptTask> second = tasks("run-b", "sim-x", 500);

        for (int i = 0; i < first.size(); i++) {
            assertThat(seeded.answer(second.get(i))).isEqualTo(seeded.answer(first.get(i)));
        }
        long differing = first.stream().filter(t -> !seeded.answer(t).equals(reseeded.answer(t))).count();
        assertThat(differing).isGreaterThan(first.size() / 2);
    }

    @ParameterizedTest(name = "accuracy {0}, no-answer rate {1}")
    @CsvSource(textBlock = """
            0.85, 0.02
            0.6,  0.05
            0.3,  0.1
            0.0,  0.0
            1.0,  0.0
            0.0,  1.0
            """)
    void outcomeSharesAreCloseToTheProfileOverManyTasks(double accuracy, double noAnswerRate) {
        SimulatedModel model = new SimulatedModel(new SimProfile(accuracy, Map.of(), Duration.ZERO, 0, 0, noAnswerRate, 3));
        Map<Outcome, Long> counts = count(model, tasks("run-acc", "sim-m", MANY));

        assertThat(share(counts, Outcome.CORRECT)).isCloseTo(accuracy, offset(0.02));
        assertThat(share(counts, Outcome.NO_ANSWER)).isCloseTo(noAnswerRate, offset(0.01));
        assertThat(share(counts, Outcome.WRONG))
                .isCloseTo(1 - accuracy - noAnswerRate, offset(0.02));
        assertThat(counts.getOrDefault(Outcome.ERROR, 0L)).isZero();
    }

    @Test
    void errorRateReplacesThatShareOfCallsAndAccuracyHoldsAmongTheRest() {
        SimulatedModel model = new SimulatedModel(new SimProfile(0.7, Map.of(), Duration.ZERO, 0, 0.1, 0, 5));
        Map<Outcome, Long> counts = count(model, tasks("run-err", "sim-m", MANY));

        assertThat(share(counts, Outcome.ERROR)).isCloseTo(0.1, offset(0.01));
        double answered = MANY - counts.get(Outcome.ERROR);
        assertThat(counts.get(Outcome.CORRECT) / answered).isCloseTo(0.7, offset(0.02));
    }

    @Test
    void benchmarkOverrideChangesAccuracyOnThatBenchmarkOnly() {
        SimulatedModel model = new SimulatedModel(new SimProfile(0.9, Map.of("gsm8k", 0.2), Duration.ZERO, 0, 0, 0, 9));
        List<PromptTask> tasks = tasks("run-bench", "sim-m", MANY);
        Map<String, Double> correctByBenchmark = tasks.stream().collect(Collectors.groupingBy(
                t -> t.taskId().benchmarkId(),
                Collectors.averagingDouble(t -> model.answer(t).outcome() == Outcome.CORRECT ? 1 : 0)));

        assertThat(correctByBenchmark.get("gsm8k")).isCloseTo(0.2, offset(0.03));
        assertThat(correctByBenchmark.get("mmlu")).isCloseTo(0.9, offset(0.03));
    }

    @ParameterizedTest(name = "{0} reference ''{1}''")
    @CsvSource(textBlock = """
            NUMERIC,         72
            NUMERIC,         0
            NUMERIC,         -17
            NUMERIC,         1234567
            NUMERIC,         3.25
            NUMERIC,         ' 18 '
            MULTIPLE_CHOICE, A
            MULTIPLE_CHOICE, B
            MULTIPLE_CHOICE, C
            MULTIPLE_CHOICE, D
            MULTIPLE_CHOICE, b
            """)
    void correctAnswersCarryTheReferenceInTheGradersFormat(Extraction extraction, String reference) {
        SimulatedModel model = new SimulatedModel(SimProfile.ofAccuracy(1.0, 11));
        for (PromptTask task : tasksFor(extraction, reference)) {
            SimulatedAnswer answer = model.answer(task);
            assertThat(answer.outcome()).isEqualTo(Outcome.CORRECT);
            assertThat(answer.text()).startsWith(SimulatedModel.LABEL);
            String extracted = extract(extraction, answer.text());
            if (extraction == Extraction.NUMERIC) {
                assertThat(new BigDecimal(extracted)).isEqualByComparingTo(new BigDecimal(reference.trim()));
            } else {
                assertThat(extracted).isEqualTo(reference.trim().toUpperCase(Locale.ROOT));
            }
            assertNothingElseToExtract(answer.text(), extraction, extracted);
        }
    }

    @ParameterizedTest(name = "{0} reference ''{1}''")
    @CsvSource(textBlock = """
            NUMERIC,         72
            NUMERIC,         0
            NUMERIC,         -17
            NUMERIC,         3.25
            NUMERIC,         not-a-number
            MULTIPLE_CHOICE, A
            MULTIPLE_CHOICE, D
            MULTIPLE_CHOICE, E
            """)
    void wrongAnswersAreADifferentNumberOrLetterInTheSameFormat(Extraction extraction, String reference) {
        SimulatedModel model = new SimulatedModel(SimProfile.ofAccuracy(0.0, 13));
        for (PromptTask task : tasksFor(extraction, reference)) {
            SimulatedAnswer answer = model.answer(task);
            assertThat(answer.outcome()).isEqualTo(Outcome.WRONG);
            assertThat(answer.text()).startsWith(SimulatedModel.LABEL);
            String extracted = extract(extraction, answer.text());
            if (extraction == Extraction.NUMERIC && reference.matches("-?[0-9.]+")) {
                assertThat(new BigDecimal(extracted)).isNotEqualByComparingTo(new BigDecimal(reference));
            }
            assertThat(extracted).isNotEqualTo(reference);
            assertNothingElseToExtract(answer.text(), extraction, extracted);
        }
    }

    @Test
    void noAnswerTextHoldsNoNumberAndNoOptionLetter() {
        SimulatedModel model = new SimulatedModel(new SimProfile(0, Map.of(), Duration.ZERO, 0, 0, 1, 17));
        for (PromptTask task : tasks("run-none", "sim-m", 200)) {
            SimulatedAnswer answer = model.answer(task);
            assertThat(answer.outcome()).isEqualTo(Outcome.NO_ANSWER);
            assertThat(answer.text()).startsWith(SimulatedModel.LABEL)
                    .doesNotContainPattern(ANY_DIGIT).doesNotContainPattern(STANDALONE_LETTER);
        }
    }

    @Test
    void zeroMedianLatencyAnswersAtOnce() {
        SimulatedModel model = new SimulatedModel(new SimProfile(0.5, Map.of(), Duration.ZERO, 2.0, 0, 0, 1));
        assertThat(tasks("run-lat", "sim-m", 1_000)).allSatisfy(t -> assertThat(model.answer(t).latency()).isZero());
    }

    @Test
    void latencyIsLogNormalAroundTheMedian() {
        SimulatedModel model = new SimulatedModel(new SimProfile(0.5, Map.of(), Duration.ofMillis(200), 0.5, 0, 0, 1));
        List<Long> millis = tasks("run-lat", "sim-m", MANY).stream().map(t -> model.answer(t).latency().toMillis())
                .sorted().toList();

        assertThat(millis.get(MANY / 2)).isBetween(190L, 210L);
        // exp(±1.2816 σ) bounds the 10th and 90th percentiles of a log-normal with σ = 0.5.
        assertThat(millis.get(MANY / 10)).isBetween(100L, 114L);
        assertThat(millis.get(MANY * 9 / 10)).isBetween(350L, 400L);
    }

    @Test
    void zeroSigmaAlwaysTakesTheMedian() {
        SimulatedModel model = new SimulatedModel(new SimProfile(0.5, Map.of(), Duration.ofMillis(40), 0, 0, 0, 1));
        assertThat(tasks("run-lat", "sim-m", 100))
                .allSatisfy(t -> assertThat(model.answer(t).latency()).isEqualTo(Duration.ofMillis(40)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            accuracy above one,                1.2,  0,   0,    0,   accuracy
            negative accuracy,                 -0.1, 0,   0,    0,   accuracy
            accuracy plus no-answers above one, 0.8, 0.3, 0,    0,   no-answer-rate
            error rate above one,              0.5,  0,   1.5,  0,   error-rate
            negative latency sigma,            0.5,  0,   0,    -1,  latency-sigma
            not a number,                      NaN,  0,   0,    0,   accuracy
            """)
    void profileRejectsImpossibleSettingsNamingTheSetting(String name, double accuracy, double noAnswer,
            double errorRate, double sigma, String named) {
        assertThatThrownBy(() -> new SimProfile(accuracy, Map.of(), Duration.ZERO, sigma, errorRate, noAnswer, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(named);
    }

    @Test
    void profileRejectsABenchmarkOverrideThatIsNotAProbability() {
        assertThatThrownBy(() -> new SimProfile(0.5, Map.of("gsm8k", 1.5), Duration.ZERO, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("benchmark-accuracy.gsm8k");
    }

    private static List<PromptTask> tasksFor(Extraction extraction, String reference) {
        return IntStream.range(0, 50).mapToObj(i -> extraction == Extraction.NUMERIC
                ? Tasks.numeric("run-fmt", "sim-m", "q" + i, reference)
                : Tasks.choice("run-fmt", "sim-m", "q" + i, reference)).toList();
    }

    private static String extract(Extraction extraction, String text) {
        Matcher matcher = (extraction == Extraction.NUMERIC ? NUMERIC_ANSWER : LETTER_ANSWER).matcher(text);
        assertThat(matcher.find()).as("an answer in the grader's format in '%s'", text).isTrue();
        return matcher.group(1);
    }

    private static void assertNothingElseToExtract(String text, Extraction extraction, String answer) {
        String rest = text.substring(0, text.lastIndexOf("The answer is"));
        assertThat(rest).doesNotContainPattern(ANY_DIGIT).doesNotContainPattern(STANDALONE_LETTER);
        assertThat(text).endsWith(extraction == Extraction.NUMERIC ? answer + "." : "(" + answer + ").");
    }

    private static Map<Outcome, Long> count(SimulatedModel model, List<PromptTask> tasks) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        tasks.forEach(t -> counts.merge(model.answer(t).outcome(), 1L, Long::sum));
        return counts;
    }

    private static double share(Map<Outcome, Long> counts, Outcome outcome) {
        return counts.getOrDefault(outcome, 0L) / (double) MANY;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            BOXED       | \\frac{9}{7} | '\\boxed{\\frac{9}{7}}$. Final Answer: The final answer is $\\frac{9}{7}$. I hope it is correct.' | \\frac{9}{7}+
            BOXED       | 402          | '\\boxed{402}$. Final Answer: The final answer is $402$. I hope it is correct.'                 | '\\boxed{'
            ANSWER_LINE | Mars         | 'The answer is Mars.'             | 'The answer is something else entirely.'
            """)
    void shortAnswerAndLatexTasksGetTheReferenceWhenCorrectAndSomethingElseWhenWrong(Extraction extraction,
            String reference, String correctEnding, String wrongMarker) {
        PromptTask task = Tasks.task(new TaskId("run-x", "sim-m", "b", "q1", "default", 0), extraction,
                Category.MATH, "Question?", reference, Settings.defaults());
        assertThat(new SimulatedModel(SimProfile.ofAccuracy(1.0, 3)).answer(task).text())
                .startsWith(SimulatedModel.LABEL).endsWith(correctEnding);
        String wrong = new SimulatedModel(SimProfile.ofAccuracy(0.0, 3)).answer(task).text();
        assertThat(wrong).contains(wrongMarker).doesNotContain(correctEnding);
    }

    /** A slip keeps the answer and drops the phrase a strict scorer looks for; a flexible one still finds it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NUMERIC | 72  | 'step by step, which comes to 72 in all.' | 'The answer is'
            BOXED   | 402 | 'gives $\\boxed{402}$.'                   | 'The final answer is'
            """)
    void aFormatSlipStatesTheSameAnswerWithoutTheAnswerPhrase(Extraction extraction, String reference,
            String slippedEnding, String phrase) {
        PromptTask task = Tasks.task(new TaskId("run-x", "sim-m", "b", "q1", "default", 0), extraction,
                Category.MATH, "Question?", reference, Settings.defaults());
        SimulatedAnswer kept = new SimulatedModel(SimProfile.ofAccuracy(1.0, 3), 0).answer(task);
        SimulatedAnswer slipped = new SimulatedModel(SimProfile.ofAccuracy(1.0, 3), 1).answer(task);

        assertThat(kept.text()).contains(phrase);
        assertThat(slipped.outcome()).isEqualTo(kept.outcome()).isEqualTo(Outcome.CORRECT);
        assertThat(slipped.text()).startsWith(SimulatedModel.LABEL).endsWith(slippedEnding).doesNotContain(phrase);
    }

    @Test
    void aFormatSlipRateSlipsThatShareOfAnswersAndChangesNoOutcome() {
        SimProfile profile = new SimProfile(0.6, Map.of(), Duration.ZERO, 0, 0, 0.05, 42);
        SimulatedModel keeping = new SimulatedModel(profile);
        SimulatedModel slipping = new SimulatedModel(profile, 0.3);
        int answered = 0;
        int slipped = 0;
        for (int i = 0; i < MANY; i++) {
            PromptTask task = Tasks.numeric("run-slip", "sim-m", "item-" + i, Integer.toString(i));
            SimulatedAnswer kept = keeping.answer(task);
            SimulatedAnswer maybe = slipping.answer(task);
            assertThat(maybe.outcome()).isEqualTo(kept.outcome());
            if (kept.outcome() != Outcome.NO_ANSWER) {
                answered++;
                slipped += maybe.text().contains("The answer is") ? 0 : 1;
            }
        }

        assertThat(slipped / (double) answered).isCloseTo(0.3, offset(0.02));
        assertThatThrownBy(() -> new SimulatedModel(profile, 1.5)).hasMessageContaining("format-slip-rate");
    }

    @Test
    void codeTasksGetTheReferenceSolutionAsAValidContinuationWhenCorrectAndAFailingBodyWhenWrong() {
        PromptTask code = PromptTask.of(new TaskId("run-x", "sim-m", "humaneval", "HumanEval-0", "default", 0),
                io.evalstream.contracts.Purpose.EVAL, "def add(a, b):\n", AnswerKey.of(Extraction.CODE,
                io.evalstream.contracts.Metric.CODE_EXECUTION, "    return a + b\n", List.of(),
                new io.evalstream.contracts.CodeCheck("def add(a, b):\n", "def check(c):\n    assert c(1, 2) == 3\n",
                "add")), TaskSetup.of(Category.CODING, Settings.defaults(), "h"));
        assertThat(new SimulatedModel(SimProfile.ofAccuracy(1.0, 3)).answer(code).text())
                .isEqualTo("    # " + SimulatedModel.LABEL + "\n    return a + b\n");
        assertThat(new SimulatedModel(SimProfile.ofAccuracy(0.0, 3)).answer(code).text())
                .isEqualTo("    # " + SimulatedModel.LABEL + "\n    raise NotImplementedError\n");
    }

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(textBlock = """
            three touchdowns,            three or thereabouts
            the Detroit Lions defense,   the Detroit or thereabouts
            Nile,                        something else entirely
            """)
    void wrongShortAnswersGradedByTokenF1KeepHalfTheReferenceSoTheyEarnPartialCredit(String reference,
            String wrong) {
        assertThat(SimulatedModel.partly(reference)).isEqualTo(wrong);
    }
}
