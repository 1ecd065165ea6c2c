package io.evalstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** User definitions beside the built-ins: data beside them, replacing a built-in, and every problem at once. */
@Timeout(30)
class CatalogLoaderTest {

    private static final String CAPITALS = """
            id: capitals
            description: Capital cities.
            category: knowledge
            source: {path: capitals/test.tsv.gz}
            reference: capital
            extraction: answer_line
            metric: alias_match
            variants: {default: {question: "What is the capital of {{country}}?"}}
            """;

    @TempDir
    Path benchmarks;

    @Test
    void aUserDefinitionLoadsWithItsDataBesideItAndTheBuiltInsStay() {
        Fixtures.write(benchmarks, "capitals.yaml", CAPITALS);
        Fixtures.write(benchmarks, "capitals/test.tsv.gz", "country\tcapital\nPeru\tLima\nKenya\tNairobi\n");
        Fixtures.write(benchmarks, "README.md", "not a definition");

        Catalog catalog = CatalogLoader.load(new CatalogConfig(Optional.empty(), Optional.of(benchmarks)));

        assertThat(catalog.ids()).containsExactly("capitals", "drop", "gsm8k", "humaneval", "math", "mmlu", "stories",
                "story-endings", "story-text", "triviaqa");
        Benchmark capitals = catalog.find("capitals").orElseThrow();
        assertThat(capitals.origin()).isEqualTo(benchmarks.resolve("capitals.yaml").toString());
        assertThat(capitals.source()).isEqualTo(benchmarks.toAbsolutePath().normalize().toString());
        assertThat(Fixtures.render(capitals, "default", 0, false, 1)).isEqualTo("What is the capital of Kenya?");
        assertThat(catalog.notes()).isEmpty();
    }

    @Test
    void aUserDefinitionWithABuiltInsIdReplacesItAndSaysSo() {
        Fixtures.write(benchmarks, "my-gsm8k.yml", CAPITALS.replace("id: capitals", "id: gsm8k"));
        Fixtures.write(benchmarks, "capitals/test.tsv.gz", "country\tcapital\nPeru\tLima\n");

        Catalog catalog = CatalogLoader.load(new CatalogConfig(Optional.empty(), Optional.of(benchmarks)));

        assertThat(catalog.find("gsm8k").orElseThrow().description()).isEqualTo("Capital cities.");
        assertThat(catalog.notes()).containsExactly(benchmarks.resolve("my-gsm8k.yml")
                + " replaces the built-in benchmark 'gsm8k' (classpath:benchmarks/gsm8k.yaml)");
    }

    @Test
    void everyBrokenDefinitionIsReportedAtOnce() {
        Fixtures.write(benchmarks, "a.yaml", CAPITALS.replace("category: knowledge", "category: trivia"));
        Fixtures.write(benchmarks, "b.yaml", CAPITALS.replace("id: capitals", "id: other"));
        Fixtures.write(benchmarks, "c.yaml", CAPITALS.replace("id: capitals", "id: other"));

        assertThatThrownBy(() -> CatalogLoader.load(new CatalogConfig(Optional.empty(), Optional.of(benchmarks))))
                .isInstanceOf(BenchmarkException.class)
                .hasMessageStartingWith("3 benchmark definition problem(s):\n- " + benchmarks.resolve("a.yaml")
                        + ": key 'category' has the unknown value 'trivia' (line 3); allowed: knowledge, reasoning,"
                        + " comprehension, math, coding, multilingual, safety, writing\n- " + benchmarks.resolve("c.yaml")
                        + ": id 'other' is already defined by " + benchmarks.resolve("b.yaml")
                        + "; give one of them another id\n- " + benchmarks.resolve("c.yaml")
                        + ": no data root holds every file this benchmark needs (source.path"
                        + " 'capitals/test.tsv.gz'); searched ");
    }

    @Test
    void theDatasetsDirectoryComesFirstAndAPartialOneIsNoted(@TempDir Path datasets) {
        Fixtures.write(datasets, "gsm8k/test.jsonl", "{\"question\": \"One and one?\", \"answer\": \"1 + 1 = 2\\n#### 2\"}\n");

        Catalog catalog = CatalogLoader.load(new CatalogConfig(Optional.of(datasets), Optional.empty()));

        assertThat(catalog.find("gsm8k").orElseThrow().source()).isEqualTo("built-in samples (classpath:datasets/)");
        assertThat(catalog.notes()).containsExactly("gsm8k: " + datasets.toAbsolutePath().normalize()
                + " has only some of its files (missing [gsm8k/train.jsonl]); using built-in samples"
                + " (classpath:datasets/)");

        Fixtures.write(datasets, "gsm8k/train.jsonl", "{\"question\": \"Two and two?\", \"answer\": \"#### 4\"}\n");
        assertThatThrownBy(() -> CatalogLoader.load(new CatalogConfig(Optional.of(datasets), Optional.empty())))
                .hasMessageContaining("classpath:benchmarks/gsm8k.yaml: key 'settings.shots' is 8 but the few-shot"
                        + " pool ('gsm8k/train.jsonl' in " + datasets.toAbsolutePath().normalize() + ") has only 1"
                        + " exemplars; lower settings.shots or add exemplars");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path missing = benchmarks.resolve("nope");

        assertThatThrownBy(() -> CatalogLoader.load(new CatalogConfig(Optional.of(missing), Optional.empty())))
                .hasMessage("the datasets directory is " + missing + ", which is not a directory; point it at an"
                        + " existing directory or leave it unset");
        assertThatThrownBy(() -> CatalogLoader.load(new CatalogConfig(Optional.empty(), Optional.of(missing))))
                .hasMessage("the benchmarks directory is " + missing + ", which is not a directory; point it at an"
                        + " existing directory or leave it unset");
    }
}
