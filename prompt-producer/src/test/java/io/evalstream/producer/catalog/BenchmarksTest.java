package io.evalstream.producer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Require;
import io.evalstream.producer.dataset.ChoiceQuestion;
import io.evalstream.producer.dataset.ClasspathFiles;
import io.evalstream.producer.dataset.DatasetException;
import io.evalstream.producer.dataset.DirectoryFiles;
import io.evalstream.producer.dataset.Item;
import io.evalstream.producer.dataset.MathProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BenchmarksTest {

    private static final Catalog SAMPLES = Benchmarks.load(new ClasspathFiles(BenchmarksTest.class.getClassLoader()));

    @Test
    void theBuiltInSamplesHoldBothBenchmarks() {
        assertThat(SAMPLES.ids()).containsExactly("gsm8k", "mmlu");
        Benchmark<?> gsm8k = SAMPLES.find("gsm8k").orElseThrow();
        Benchmark<?> mmlu = SAMPLES.find("mmlu").orElseThrow();

        assertThat(gsm8k.category()).isEqualTo(Category.MATH);
        assertThat(gsm8k.extraction()).isEqualTo(Extraction.NUMERIC);
        assertThat(gsm8k.size()).isEqualTo(40);
        assertThat(gsm8k.maxShots()).isEqualTo(8);
        assertThat(mmlu.category()).isEqualTo(Category.KNOWLEDGE);
        assertThat(mmlu.extraction()).isEqualTo(Extraction.MULTIPLE_CHOICE);
        assertThat(mmlu.size()).isEqualTo(50);
        assertThat(mmlu.maxShots()).isEqualTo(5);
        assertWellFormed(gsm8k, mmlu);
    }

    @Test
    void sampleMmluItemsAreOrderedRoundRobinAcrossSubjectsSortedByName() {
        List<String> firstIds = SAMPLES.find("mmlu").orElseThrow().items().stream().limit(7).map(Item::id).toList();

        assertThat(firstIds).containsExactly("astronomy-0", "computer_security-0", "elementary_mathematics-0",
                "high_school_geography-0", "nutrition-0", "astronomy-1", "computer_security-1");
    }

    @Test
    void sampleGsm8kItemsKeepFileOrder() {
        List<? extends Item> items = SAMPLES.find("gsm8k").orElseThrow().items();

        assertThat(items).extracting(Item::id).startsWith("0", "1", "2");
        assertThat((MathProblem) items.get(3)).extracting(MathProblem::answer).isEqualTo("1050");
    }

    @Test
    void theRealDatasetsLoadCompletelyWhenTheyArePresent() {
        Path shared = Path.of(System.getProperty("evalstream.home", ".")).resolve("../shared/datasets").normalize();
        if (!Files.isDirectory(shared.resolve("mmlu/test"))) {
            System.err.println("""
                    ******************************************************************************
                    * REAL DATASETS NOT CHECKED: %s is missing.
                    * Only the built-in samples were checked (see the other tests in this class).
                    ******************************************************************************"""
                    .formatted(shared));
            assertThat(SAMPLES.ids()).containsExactly("gsm8k", "mmlu");
            return;
        }
        Catalog real = Benchmarks.load(new DirectoryFiles(shared));
        Benchmark<?> gsm8k = real.find("gsm8k").orElseThrow();
        Benchmark<?> mmlu = real.find("mmlu").orElseThrow();

        assertThat(gsm8k.size()).isEqualTo(1319);
        assertThat(gsm8k.maxShots()).isEqualTo(25);
        assertThat(mmlu.size()).isEqualTo(14_042);
        assertThat(mmlu.maxShots()).isEqualTo(5);
        assertThat(mmlu.items().stream().map(item -> ((ChoiceQuestion) item).subject()).distinct()).hasSize(57);
        assertWellFormed(gsm8k, mmlu);
    }

    @Test
    void aDatasetsDirectoryWithoutMmluFilesIsRejectedWithItsPath(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("gsm8k"));
        Files.createDirectories(dir.resolve("mmlu/test"));
        Files.writeString(dir.resolve("gsm8k/test.jsonl"), "{\"question\": \"Q?\", \"answer\": \"#### 1\"}\n");
        Files.writeString(dir.resolve("gsm8k/train.jsonl"), "{\"question\": \"Q?\", \"answer\": \"#### 1\"}\n");

        assertThatThrownBy(() -> Benchmarks.load(new DirectoryFiles(dir)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("no MMLU files <subject>_test.csv in mmlu/test of " + dir);
    }

    @Test
    void aMissingDatasetsDirectoryIsRejectedWithWhatToSet(@TempDir Path dir) {
        assertThatThrownBy(() -> new DirectoryFiles(dir.resolve("nope")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("set evalstream.producer.datasets-dir");
    }

    private static void assertWellFormed(Benchmark<?> gsm8k, Benchmark<?> mmlu) {
        assertThat(gsm8k.items()).allSatisfy(item -> {
            assertThat(item.id()).matches(Require.ID);
            assertThat(item.reference()).matches("-?[0-9]+(\\.[0-9]+)?");
        });
        assertThat(mmlu.items()).allSatisfy(item -> {
            assertThat(item.id()).matches(Require.ID);
            assertThat(item.reference()).isIn("A", "B", "C", "D");
            assertThat(((ChoiceQuestion) item).choices()).hasSize(4);
        });
        Set<String> ids = mmlu.items().stream().map(Item::id).collect(Collectors.toSet());
        assertThat(ids).hasSize(mmlu.size());
    }
}
