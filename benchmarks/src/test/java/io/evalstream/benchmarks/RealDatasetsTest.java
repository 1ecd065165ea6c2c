package io.evalstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Subset;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in definitions read the real benchmark files in {@code ../shared/datasets} at their full sizes. */
@Timeout(120)
class RealDatasetsTest {

    private static final Optional<Path> REAL = RealDatasets.dir("the built-in definitions on the real datasets");
    private static final Catalog CATALOG = CatalogLoader.load(new CatalogConfig(REAL, Optional.empty()));

    @ParameterizedTest(name = "{0}: {1} items, {2} exemplars")
    @CsvSource(delimiter = '|', textBlock = """
            gsm8k     | 1319  | 25 | 40 | 8
            mmlu      | 14042 | 5  | 50 | 5
            math      | 5000  | 4  | 12 | 4
            humaneval | 164   | 0  | 6  | 0
            """)
    void eachRealBenchmarkLoadsCompletelyAndRendersInEveryVariant(String id, int items, int maxShots, int sampleItems,
            int sampleShots) {
        Benchmark benchmark = CATALOG.find(id).orElseThrow();

        if (REAL.isEmpty()) {
            assertThat(benchmark.size()).isEqualTo(sampleItems);
            assertThat(benchmark.maxShots()).isEqualTo(sampleShots);
            return;
        }
        assertThat(benchmark.size()).isEqualTo(items);
        assertThat(benchmark.maxShots()).isEqualTo(maxShots);
        assertThat(benchmark.source()).isEqualTo(RealDatasets.DIR.toString());
        for (String variant : benchmark.variants()) {
            String prompt = benchmark.prompter(variant, benchmark.settings()).render(benchmark.items().getLast());
            assertThat(prompt).isNotBlank();
        }
        assertThat(benchmark.items()).extracting(Item::id).doesNotHaveDuplicates();
    }

    @Test
    void realMmluHas57SubjectsEachWithItsGroupAndLetterReferences() {
        Benchmark mmlu = CATALOG.find("mmlu").orElseThrow();

        assertThat(mmlu.declaredSubsets()).isEqualTo(57);
        assertThat(mmlu.subsets()).hasSize(REAL.isPresent() ? 57 : 5)
                .allSatisfy(subset -> assertThat(subset.group())
                        .isIn("stem", "humanities", "social_sciences", "other"));
        assertThat(mmlu.items()).allSatisfy(item -> assertThat(item.reference()).isIn("A", "B", "C", "D"));
        if (REAL.isPresent()) {
            assertThat(mmlu.subsets()).extracting(Subset::id).contains("abstract_algebra", "world_religions");
            assertThat(mmlu.items().getFirst().id()).isEqualTo("abstract_algebra-0");
            assertThat(mmlu.items().get(1).id()).isEqualTo("anatomy-0");
        }
    }

    @Test
    void realGsm8kReferencesAreNumbersWithoutThousandsSeparators() {
        Benchmark gsm8k = CATALOG.find("gsm8k").orElseThrow();

        assertThat(gsm8k.items()).allSatisfy(item -> assertThat(item.reference()).matches("-?[0-9]+(\\.[0-9]+)?"));
        if (REAL.isPresent()) {
            assertThat(gsm8k.items().getFirst().reference()).isEqualTo("18");
        }
    }

    @Test
    void realHumanEvalItemsCarryTheirTestsAndSanitisedIds() {
        Benchmark humanEval = CATALOG.find("humaneval").orElseThrow();

        assertThat(humanEval.items()).allSatisfy(item -> {
            assertThat(item.code().test()).contains("def check(candidate)");
            assertThat(item.id()).doesNotContain("/");
        });
        if (REAL.isPresent()) {
            assertThat(humanEval.items().getFirst().id()).isEqualTo("HumanEval-0");
            assertThat(humanEval.items().getFirst().code().entryPoint()).isEqualTo("has_close_elements");
        }
    }

    @Test
    void benchmarksTheDatasetsDirectoryLacksComeFromTheSamples() {
        for (String id : Set.of("drop", "stories", "story-endings", "story-text", "triviaqa")) {
            assertThat(CATALOG.find(id).orElseThrow().source()).isEqualTo("built-in samples (classpath:datasets/)");
        }
        assertThat(CATALOG.ids()).hasSize(9);
    }
}
