package io.evalstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.benchmarks.data.DirectoryRoot;
import io.evalstream.benchmarks.definition.BenchmarkDefinition;
import io.evalstream.benchmarks.definition.DefinitionReader;
import io.evalstream.benchmarks.definition.SubsetInfo;
import io.evalstream.contracts.CodeCheck;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.Scorer;
import io.evalstream.contracts.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every built-in definition loads on the jar's samples, with GPT-Fathom's settings and prompts graders can read. */
@Timeout(30)
class BuiltInBenchmarksTest {

    private static final Catalog CATALOG = CatalogLoader.load(CatalogConfig.BUILT_IN);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            drop      | COMPREHENSION | ANSWER_LINE     | TOKEN_F1         | 9  | 3 | 3 | false | 64   | default
            gsm8k     | MATH          | NUMERIC         | NUMERIC_EQUAL    | 40 | 8 | 8 | true  | 512  | default terse
            humaneval | CODING        | CODE            | CODE_EXECUTION   | 6  | 0 | 0 | false | 512  | default
            math      | MATH          | BOXED           | MATH_EQUIVALENCE | 12 | 4 | 4 | true  | 1024 | default
            mmlu      | KNOWLEDGE     | MULTIPLE_CHOICE | EXACT_MATCH      | 50 | 5 | 5 | false | 256  | default terse
            stories   | WRITING       | TEXT            | RUBRIC           | 24 | 0 | 0 | false | 128  | default
            story-endings | COMPREHENSION | LIKELIHOOD  | LIKELIHOOD_ACC   | 120 | 0 | 0 | false | 256 | default
            story-text    | WRITING       | LIKELIHOOD  | BITS_PER_BYTE    | 300 | 0 | 0 | false | 256 | default
            triviaqa  | KNOWLEDGE     | ANSWER_LINE     | ALIAS_MATCH      | 12 | 3 | 1 | false | 32   | default
            """)
    void everyBuiltInLoadsOnTheSamplesWithItsDeclaredSettings(String id, String category, String extraction,
            String metric, int items, int maxShots, int shots, boolean cot, int maxTokens, String variants) {
        Benchmark benchmark = CATALOG.find(id).orElseThrow();

        assertThat(benchmark.category()).hasToString(category);
        assertThat(benchmark.extraction()).hasToString(extraction);
        assertThat(benchmark.metric()).hasToString(metric);
        assertThat(benchmark.size()).isEqualTo(items);
        assertThat(benchmark.maxShots()).isEqualTo(maxShots);
        assertThat(benchmark.settings()).extracting(Settings::shots, Settings::chainOfThought, Settings::temperature,
                Settings::maxTokens).containsExactly(shots, cot, 0.0, maxTokens);
        assertThat(benchmark.variants()).containsExactly(variants.split(" "));
        assertThat(benchmark.source()).isEqualTo("built-in samples (classpath:datasets/)");
        assertThat(benchmark.origin()).isEqualTo("classpath:benchmarks/" + id + ".yaml");
        for (String variant : benchmark.variants()) {
            Prompter prompter = benchmark.prompter(variant, benchmark.settings());
            assertThat(benchmark.items()).allSatisfy(item -> assertThat(prompter.render(item)).isNotBlank());
        }
        assertThat(CATALOG.notes()).isEmpty();
    }

    @Test
    void theCatalogHoldsExactlyTheBuiltIns() {
        assertThat(CATALOG.ids()).containsExactly("drop", "gsm8k", "humaneval", "math", "mmlu", "stories", "story-endings",
                "story-text", "triviaqa");
    }

    @Test
    void gsm8kAndMathAreScoredFlexiblyAsTheHeadlineAndStrictlyBesideIt() {
        assertThat(CATALOG.find("gsm8k").orElseThrow().scorers()).containsExactly(
                new Scorer("flexible", "numeric", "numeric_equal"), new Scorer("strict", "answer_is", "numeric_equal"));
        assertThat(CATALOG.find("math").orElseThrow().scorers()).containsExactly(
                new Scorer("flexible", "boxed", "math_equivalence"),
                new Scorer("strict", "final_answer", "math_equivalence"));
        assertThat(CATALOG.find("mmlu").orElseThrow().scorers()).containsExactly(
                new Scorer(Scorer.DEFAULT, "multiple_choice", "exact_match"));
    }

    @Test
    void gsm8kExemplarsShowTheirReasoningWithoutCalculatorNotesAndEndTheWayTheGraderReads() {
        Benchmark gsm8k = CATALOG.find("gsm8k").orElseThrow();

        assertThat(Fixtures.render(gsm8k, "default", 2, true, 0)).isEqualTo("""
                Solve each math word problem. End your answer with "The answer is <number>."

                Question: Kim has 7 red balloons and 5 blue balloons. She pops 3 of them. How many balloons does she have left?
                Answer: Kim has 7 + 5 = 12 balloons.
                After popping 3 she has 12 - 3 = 9 balloons.
                The answer is 9.

                Question: A pack of gum has 5 pieces. Leo buys 6 packs and chews 4 pieces. How many pieces are left?
                Answer: Leo buys 6 * 5 = 30 pieces.
                He has 30 - 4 = 26 pieces left.
                The answer is 26.

                Question: Maria buys 4 packs of pencils with 12 pencils in each pack. She gives 15 pencils to her classmates. How many pencils does she have left?
                Answer: Let's think step by step.""");
        assertThat(Fixtures.render(gsm8k, "default", 1, false, 0)).isEqualTo("""
                Solve each math word problem. End your answer with "The answer is <number>."

                Question: Kim has 7 red balloons and 5 blue balloons. She pops 3 of them. How many balloons does she have left?
                Answer: The answer is 9.

                Question: Maria buys 4 packs of pencils with 12 pencils in each pack. She gives 15 pencils to her classmates. How many pencils does she have left?
                Answer:""");
        assertThat(Fixtures.render(gsm8k, "terse", 0, false, 0)).isEqualTo("""
                Q: Maria buys 4 packs of pencils with 12 pencils in each pack. She gives 15 pencils to her classmates. How many pencils does she have left?
                A:""");
        assertThat(gsm8k.items().getFirst().reference()).isEqualTo("33");
    }

    @Test
    void mmluPromptsFollowThePaperAndExemplarsComeFromTheItemsSubject() {
        Benchmark mmlu = CATALOG.find("mmlu").orElseThrow();
        Item geography = mmlu.items().stream().filter(item -> item.id().equals("high_school_geography-0"))
                .findFirst().orElseThrow();

        assertThat(mmlu.prompter("default", Fixtures.settings(1, false)).render(geography)).isEqualTo("""
                The following are multiple choice questions (with answers) about high school geography.

                What is the capital of France?
                (A) Lyon
                (B) Marseille
                (C) Paris
                (D) Nice
                Answer: (C)

                What is the longest river in South America?
                (A) Paraná
                (B) Orinoco
                (C) Amazon
                (D) São Francisco
                Answer:""");
        assertThat(mmlu.prompter("default", Fixtures.settings(1, true)).render(geography))
                .startsWith("The following are multiple choice questions (with answers) about high school geography."
                        + " Think step by step, then end your answer with \"The answer is (X).\" where X is the letter"
                        + " of the correct option.\n\n")
                .contains("(D) Nice\nAnswer: The answer is (C).\n\n").endsWith("Answer: Let's think step by step.");
        assertThat(mmlu.prompter("terse", Fixtures.settings(1, false)).render(geography)).isEqualTo("""
                What is the capital of France?
                A. Lyon
                B. Marseille
                C. Paris
                D. Nice
                Answer: C

                What is the longest river in South America?
                A. Paraná
                B. Orinoco
                C. Amazon
                D. São Francisco
                Answer:""");
        assertThat(geography.reference()).isEqualTo("C");
        assertThat(mmlu.items().subList(0, 5)).extracting(Item::id).containsExactly("astronomy-0",
                "computer_security-0", "elementary_mathematics-0", "high_school_geography-0", "nutrition-0");
    }

    @Test
    void mmluDeclaresAll57SubjectsEachInItsMmluCategory() throws IOException {
        BenchmarkDefinition mmlu = DefinitionReader.read("mmlu.yaml", resource("benchmarks/mmlu.yaml"));

        Map<String, Long> groups = mmlu.items().subsets().values().stream()
                .collect(Collectors.groupingBy(SubsetInfo::group, Collectors.counting()));
        assertThat(groups).containsExactlyInAnyOrderEntriesOf(Map.of("stem", 18L, "humanities", 13L,
                "social_sciences", 12L, "other", 14L));
        assertThat(mmlu.items().subsets()).containsEntry("high_school_us_history",
                new SubsetInfo("humanities", "high school us history"))
                .containsEntry("econometrics", new SubsetInfo("social_sciences", "econometrics"))
                .containsEntry("virology", new SubsetInfo("other", "virology"))
                .containsEntry("machine_learning", new SubsetInfo("stem", "machine learning"));
        Benchmark loaded = CATALOG.find("mmlu").orElseThrow();
        assertThat(loaded.declaredSubsets()).isEqualTo(57);
        assertThat(loaded.subsets()).extracting(subset -> subset.id() + "/" + subset.group()).containsExactly(
                "astronomy/stem", "computer_security/stem", "elementary_mathematics/stem",
                "high_school_geography/social_sciences", "nutrition/other");
    }

    @Test
    void mathPromptsEndInTheSolutionAndExemplarsCloseWithTheFinalAnswerSentence() {
        Benchmark math = CATALOG.find("math").orElseThrow();

        assertThat(Fixtures.render(math, "default", 1, true, 0)).isEqualTo("""
                Problem:
                What is the least common multiple of $12$ and $18$?

                Solution:
                We have $12 = 2^2 \\cdot 3$ and $18 = 2 \\cdot 3^2$. The least common multiple takes the highest \
                power of each prime, so it is $2^2 \\cdot 3^2 = \\boxed{36}$.
                Final Answer: The final answer is $36$. I hope it is correct.

                Problem:
                What is the value of $3^4 - 4^3$?

                Solution:""");
        assertThat(Fixtures.render(math, "default", 1, false, 1)).isEqualTo("""
                Problem:
                What is the least common multiple of $12$ and $18$?

                Solution:
                Final Answer: The final answer is $36$. I hope it is correct.

                Problem:
                Simplify $\\frac{18}{24}$.

                Solution:""");
        assertThat(math.items().get(1).reference()).isEqualTo("\\frac{3}{4}");
    }

    @Test
    void humanEvalPromptsAreTheCodeAndItemsCarryTheirTests() {
        Benchmark humanEval = CATALOG.find("humaneval").orElseThrow();
        Item first = humanEval.items().getFirst();

        assertThat(first.id()).isEqualTo("HumanEvalSample-0");
        assertThat(Fixtures.render(humanEval, "default", 0, false, 0)).isEqualTo(first.code().prefix())
                .startsWith("from typing import List\n\n\ndef running_total(").endsWith("    \"\"\"\n");
        assertThat(first.code()).extracting(CodeCheck::entryPoint).isEqualTo("running_total");
        assertThat(first.code().test()).contains("def check(candidate):");
        assertThat(first.reference()).startsWith("    totals = []\n");
    }

    @Test
    void dropTakesPassagesFromNestedJsonAndScoresAgainstEveryGoldAnswer() {
        Benchmark drop = CATALOG.find("drop").orElseThrow();
        Item first = drop.items().getFirst();

        assertThat(first.id()).isEqualTo("drop-sample-1");
        assertThat(first.reference()).isEqualTo("3");
        assertThat(first.aliases()).containsExactly("three");
        assertThat(drop.items()).extracting(Item::cluster).contains("Gulls-vs.-Foxes").doesNotContainNull();
        assertThat(drop.items().stream().map(Item::cluster).distinct().count()).isLessThan(drop.items().size());
        assertThat(Fixtures.render(drop, "default", 1, false, 0))
                .startsWith("Answer each question about the passage with a short span or a number.\n\nPassage: The"
                        + " Lakeside Library")
                .contains("Question: How many more visits were there in March than in April?\nAnswer: 2600\n\n"
                        + "Passage: In their home opener,")
                .endsWith("Question: How many field goals did Mateo Ruiz kick?\nAnswer:");
    }

    @Test
    void storyPromptsAreTheBeginningsAloneInCharactersEveryTinyModelCanTokenizeAndJudgedAutomatically() {
        Benchmark stories = CATALOG.find("stories").orElseThrow();

        assertThat(stories.judging()).isEqualTo(new Judging("tinystories", Judging.AUTO));
        assertThat(stories.items()).extracting(Item::id).startsWith("s01", "s02").endsWith("s24");
        Prompter prompter = stories.prompter("default", stories.settings());
        assertThat(stories.items()).allSatisfy(item -> {
            String prompt = prompter.render(item);
            assertThat(prompt).isEqualTo(item.reference()).matches("[A-Za-z0-9 ,.]{20,110}");
        });
        assertThat(prompter.render(stories.items().getFirst()))
                .isEqualTo("Once upon a time, there was a little dog named Max. Max loved to run in the park. One day,"
                        + " Max");
        // The judge is part of what makes two scores comparable.
        assertThat(stories.settingsHash("default", stories.settings()))
                .isNotEqualTo(stories.settingsHash("default", stories.settings(), new Judging("tinystories", "gpt-4o")));
    }

    @Test
    void triviaQaMatchesAnyAliasAndShowsOneExemplar() {
        Benchmark trivia = CATALOG.find("triviaqa").orElseThrow();
        Item first = trivia.items().getFirst();

        assertThat(first.id()).isEqualTo("sample_1");
        assertThat(first.reference()).isEqualTo("Mercury");
        assertThat(first.aliases()).containsExactly("Planet Mercury");
        assertThat(Fixtures.render(trivia, "default", 1, false, 0)).isEqualTo("""
                Answer each trivia question with the answer only.

                Question: Which element has the atomic number 1?
                Answer: Hydrogen

                Question: Which planet in our solar system has the shortest year?
                Answer:""");
    }

    @Test
    void chainOfThoughtPromptsAskForTheSentenceTheAnswerLineExtractorReads() {
        for (String id : List.of("drop", "triviaqa")) {
            Benchmark benchmark = CATALOG.find(id).orElseThrow();
            assertThat(Fixtures.render(benchmark, "default", 1, true, 0)).as(id)
                    .contains("end with \"The answer is <answer>.\"").contains("Answer: The answer is ")
                    .endsWith("Answer: Let's think step by step.");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            gsm8k words after ####  | gsm8k | gsm8k/test.jsonl      | `{"question": "Q?", "answer": "So 18.\\n#### eighteen"}`  | classpath:benchmarks/gsm8k.yaml: gsm8k/test.jsonl record 1: key 'fields.number' has pattern
            gsm8k a unit after it   | gsm8k | gsm8k/test.jsonl      | `{"question": "Q?", "answer": "#### 18 dollars"}`         | classpath:benchmarks/gsm8k.yaml: gsm8k/test.jsonl record 1: key 'fields.number' has pattern
            gsm8k no ####           | gsm8k | gsm8k/test.jsonl      | `{"question": "Q?", "answer": "The answer is 18."}`       | classpath:benchmarks/gsm8k.yaml: gsm8k/test.jsonl record 1: key 'fields.solution' has pattern
            gsm8k no question       | gsm8k | gsm8k/test.jsonl      | `{"answer": "#### 18"}`                                   | classpath:benchmarks/gsm8k.yaml: key 'variants.default.question' cannot render gsm8k/test.jsonl record 1 (cot false): it uses 'question'
            mmlu unknown subject    | mmlu  | mmlu/test/x_test.csv  | `Q?,a,b,c,d,A`                                            | classpath:benchmarks/mmlu.yaml: mmlu/test/x_test.csv record 1: is in subset 'x', which key 'subsets' does not list
            mmlu answer not letter  | mmlu  | mmlu/test/virology_test.csv | `Q?,a,b,c,d,E`                                      | classpath:benchmarks/mmlu.yaml: mmlu/test/virology_test.csv record 1: key 'reference' has pattern '^\\s*([ABCD])\\s*$', which does not match field 'answer' ("E")
            mmlu five columns       | mmlu  | mmlu/test/virology_test.csv | `Q?,a,b,c,D`                                        | classpath:benchmarks/mmlu.yaml: mmlu/test/virology_test.csv record 1: has 5 columns but key 'columns' names 6
            """)
    void aBuiltInDefinitionRejectsRecordsThatDoNotFitIt(String what, String id, String path, String record,
            String message, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        Fixtures.write(dir, path, record + "\n");
        Fixtures.write(dir, "gsm8k/train.jsonl", "{\"question\": \"Q?\", \"answer\": \"#### 1\"}\n");
        Fixtures.write(dir, "mmlu/dev/virology_dev.csv", "Q?,a,b,c,d,A\n");

        assertThatThrownBy(() -> CatalogLoader.load("classpath:benchmarks/" + id + ".yaml",
                resource("benchmarks/" + id + ".yaml"), List.of(new DirectoryRoot(dir, "the test directory"))))
                .isInstanceOf(BenchmarkException.class)
                .hasMessageStartingWith(message);
    }

    static String resource(String path) throws IOException {
        try (InputStream in = BuiltInBenchmarksTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
