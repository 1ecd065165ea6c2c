package io.evalstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.SettingsHash;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prompt assembly: variants inheriting from default, few-shot pools (per subset), chain-of-thought, fingerprints. */
@Timeout(20)
class PromptsTest {

    private static final String DEFINITION = """
            id: quiz
            description: A quiz per topic.
            category: knowledge
            extraction: multiple_choice
            source: {path: quiz/test.csv, subset: {field: topic}}
            reference: answer
            settings: {shots: 1}
            fewShot:
              source: {path: quiz/dev.csv, subset: {field: topic}}
              matchSubset: true
              count: 2
            subsets:
              art: {group: humanities, name: fine art}
              bio: {group: stem}
            variants:
              default:
                instruction: "Questions about {{subset_name}} ({{subset_group}}).{{#cot}} Reason first.{{/cot}}"
                example: "Q: {{question}}\\nA: {{#cot}}Because. {{/cot}}{{answer}}"
                question: "Q: {{question}}\\nA:{{#cot}} Let's think.{{/cot}}"
              terse:
                instruction: ""
                question: "{{question}} ->"
              dashes:
                separator: "\\n---\\n"
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void data() {
        Fixtures.write(dir, "quiz/test.csv", """
                topic,question,answer
                bio,Cells have a?,nucleus
                art,Who painted Guernica?,Picasso
                """);
        Fixtures.write(dir, "quiz/dev.csv", """
                topic,question,answer
                art,Mona Lisa painter?,Leonardo
                bio,Powerhouse of the cell?,mitochondria
                bio,Unit of heredity?,gene
                art,Water lilies painter?,Monet
                art,Starry Night painter?,Van Gogh
                """);
    }

    @ParameterizedTest(name = "{0}, {1} shots, cot {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            default | 0 | false | `Questions about fine art (humanities).\\n\\nQ: Who painted Guernica?\\nA:`
            default | 2 | false | `Questions about fine art (humanities).\\n\\nQ: Mona Lisa painter?\\nA: Leonardo\\n\\nQ: Water lilies painter?\\nA: Monet\\n\\nQ: Who painted Guernica?\\nA:`
            default | 1 | true  | `Questions about fine art (humanities). Reason first.\\n\\nQ: Mona Lisa painter?\\nA: Because. Leonardo\\n\\nQ: Who painted Guernica?\\nA: Let's think.`
            terse   | 1 | false | `Q: Mona Lisa painter?\\nA: Leonardo\\n\\nWho painted Guernica? ->`
            dashes  | 1 | false | `Questions about fine art (humanities).\\n---\\nQ: Mona Lisa painter?\\nA: Leonardo\\n---\\nQ: Who painted Guernica?\\nA:`
            """)
    void aVariantTakesTheDefaultPartsItLeavesOutAndExemplarsComeFromTheItemsSubset(String variant, int shots,
            boolean cot, String prompt) {
        Benchmark benchmark = Fixtures.load(dir, DEFINITION);

        assertThat(Fixtures.render(benchmark, variant, shots, cot, 1)).isEqualTo(prompt.replace("\\n", "\n"));
    }

    @Test
    void eachSubsetDrawsFromItsOwnPoolCutAtTheCount() {
        Benchmark benchmark = Fixtures.load(dir, DEFINITION);

        assertThat(benchmark.maxShots()).isEqualTo(2);
        assertThat(Fixtures.render(benchmark, "terse", 2, false, 0)).isEqualTo(
                "Q: Powerhouse of the cell?\nA: mitochondria\n\nQ: Unit of heredity?\nA: gene\n\nCells have a? ->");
        assertThatThrownBy(() -> benchmark.prompter("default", Fixtures.settings(3, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("settings.shots is 3 but benchmark 'quiz' has only 2 few-shot exemplars");
    }

    @Test
    void variantsAreListedDefaultFirstAndAnUnknownOneIsRejected() {
        Benchmark benchmark = Fixtures.load(dir, DEFINITION.replace("  default:\n", "  zzz: {question: x}\n  default:\n"));

        assertThat(benchmark.variants()).containsExactly("default", "zzz", "terse", "dashes");
        assertThatThrownBy(() -> benchmark.prompter("fancy", Settings.defaults()))
                .hasMessage("benchmark 'quiz' has no variant 'fancy'; its variants: default, zzz, terse, dashes");
    }

    @Test
    void theSettingsHashCoversSettingsExtractionMetricVariantAndTemplate() {
        Benchmark benchmark = Fixtures.load(dir, DEFINITION);
        Settings settings = benchmark.settings();

        assertThat(benchmark.settingsHash("default", settings)).isEqualTo(SettingsHash.of(settings,
                Extraction.MULTIPLE_CHOICE, Metric.EXACT_MATCH, "default", benchmark.templateFingerprint("default")));
        assertThat(benchmark.templateFingerprint("default")).isNotEqualTo(benchmark.templateFingerprint("terse"))
                .isNotEqualTo(benchmark.templateFingerprint("dashes"));
        assertThat(benchmark.settingsHash("default", settings))
                .isNotEqualTo(benchmark.settingsHash("default", settings.withShots(0)));
        Benchmark edited = Fixtures.load(dir, DEFINITION.replace("Because.", "Since."));
        assertThat(edited.templateFingerprint("default")).isNotEqualTo(benchmark.templateFingerprint("default"));
        assertThat(edited.templateFingerprint("terse")).as("terse inherits the edited example")
                .isNotEqualTo(benchmark.templateFingerprint("terse"));
        Benchmark recount = Fixtures.load(dir, DEFINITION.replace("count: 2", "count: 3"));
        assertThat(recount.templateFingerprint("default")).isNotEqualTo(benchmark.templateFingerprint("default"));
    }

    @Test
    void theSameItemAndSettingsAlwaysGiveTheSamePrompt() {
        Benchmark benchmark = Fixtures.load(dir, DEFINITION);
        Prompter prompter = benchmark.prompter("default", Fixtures.settings(1, true));

        // Pinned to the prompt written out by hand, not only to another render: two empty prompts (or two that
        // lost the example) are also equal to each other.
        assertThat(prompter.render(benchmark.items().get(1))).isEqualTo(prompter.render(benchmark.items().get(1)))
                .isEqualTo(Fixtures.render(Fixtures.load(dir, DEFINITION), "default", 1, true, 1))
                .isEqualTo("Questions about fine art (humanities). Reason first.\n\nQ: Mona Lisa painter?\n"
                        + "A: Because. Leonardo\n\nQ: Who painted Guernica?\nA: Let's think.");
    }

    @Test
    void subsetsCarryTheirGroupsAndTheDeclaredOnesAreCounted() {
        Benchmark benchmark = Fixtures.load(dir, DEFINITION);

        assertThat(benchmark.subsets()).extracting(subset -> subset.id() + "/" + subset.group())
                .containsExactly("art/humanities", "bio/stem");
        assertThat(benchmark.items()).extracting(item -> item.subset().id()).containsExactly("bio", "art");
        assertThat(benchmark.declaredSubsets()).isEqualTo(2);
    }
}
