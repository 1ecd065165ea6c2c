package io.evalstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.TaskKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Benchmarks scored by likelihood declared in YAML alone: multiple choice (a list field, a template per option) and perplexity. */
@Timeout(30)
class LikelihoodKindsTest {

    /** Two records in HellaSwag's layout (ctx, endings, label as text), as its public jsonl files have them. */
    private static final String HELLASWAG = """
            {"ind": 4, "ctx": "A man is sitting on a roof. He", "endings": ["is using wrap to wrap a pair of skis.", \
            "is ripping level tiles off.", "is holding a rubik's cube.", "starts pulling up roofing on a roof."], \
            "label": "3"}
            {"ind": 7, "ctx": "A woman is outside with a bucket and a dog. She", "endings": ["rinses the bucket off.", \
            "uses a hose to keep it from getting soapy.", "gets the dog wet, then it runs away again.", \
            "gets into a bath tub with the dog."], "label": "2"}
            """;

    @Test
    void aListFieldGivesTheChoicesEachAfterTheTargetDelimiterAndTheLabelIsTheirIndex(@TempDir Path dir) {
        Fixtures.write(dir, "hellaswag/val.jsonl", HELLASWAG);
        Benchmark hellaswag = Fixtures.load(dir, """
                id: hellaswag
                description: HellaSwag by likelihood.
                category: reasoning
                kind: multiple_choice
                source: {path: hellaswag/val.jsonl}
                itemId: ind
                choices: endings
                reference: label
                variants:
                  default:
                    question: '{{ctx}}'
                """);

        assertThat(hellaswag.kind()).isEqualTo(TaskKind.MULTIPLE_CHOICE);
        assertThat(hellaswag.extraction()).isEqualTo(Extraction.LIKELIHOOD.name());
        assertThat(hellaswag.metric()).isEqualTo(Metric.LIKELIHOOD_ACC.name());
        Item first = hellaswag.items().getFirst();
        assertThat(first.reference()).isEqualTo("3");
        assertThat(first.choices()).hasSize(4).first().isEqualTo(" is using wrap to wrap a pair of skis.");
        assertThat(hellaswag.prompter("default", hellaswag.settings()).render(first))
                .isEqualTo("A man is sitting on a roof. He");
    }

    @Test
    void aTemplatePerOptionWithLettersMappedToIndexes(@TempDir Path dir) {
        Fixtures.write(dir, "quiz.csv", "id,question,a,b,c,answer\nq1,Sky colour?,blue,green,red,A\n"
                + "q2,Grass colour?,blue,green,red,B\n");
        Benchmark quiz = Fixtures.load(dir, """
                id: quiz
                description: A quiz by likelihood.
                category: knowledge
                kind: multiple_choice
                source: {path: quiz.csv}
                itemId: id
                choices: ['{{a}}', '{{b}}', '{{c}}']
                targetDelimiter: ' Answer: '
                reference: {field: answer, map: {A: '0', B: '1', C: '2'}}
                variants:
                  default:
                    question: 'Question: {{question}}'
                """);

        assertThat(quiz.items()).extracting(Item::reference).containsExactly("0", "1");
        assertThat(quiz.items().get(1).choices()).containsExactly(" Answer: blue", " Answer: green", " Answer: red");
    }

    @Test
    void perplexityNeedsNoReferenceAndTheKindIsInTheSettingsHash(@TempDir Path dir) {
        Fixtures.write(dir, "texts.jsonl", "{\"id\": \"a\", \"text\": \"One day a cat sat.\"}\n");
        String yaml = """
                id: texts
                description: Texts.
                category: writing
                kind: %s
                source: {path: texts.jsonl}
                itemId: id
                %s
                variants:
                  default:
                    question: '{{text}}'
                """;
        Benchmark texts = Fixtures.load(dir, yaml.formatted("perplexity", ""));
        Benchmark generated = Fixtures.load(dir, yaml.formatted("generate", "reference: text\nextraction: answer_line\n"
                + "metric: exact_match"));

        assertThat(texts.metric()).isEqualTo(Metric.BITS_PER_BYTE.name());
        assertThat(texts.items().getFirst().reference()).isEqualTo("a");
        assertThat(texts.items().getFirst().choices()).isNull();
        assertThat(texts.settingsHash("default", texts.settings()))
                .isNotEqualTo(generated.settingsHash("default", generated.settings()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no choices           | kind: multiple_choice\\nreference: label                      | key 'choices' is required
            choices on perplexity| kind: perplexity\\nchoices: endings                            | apply to kind multiple_choice only
            contradicting metric | kind: multiple_choice\\nchoices: endings\\nreference: label\\nmetric: exact_match | remove keys 'extraction' and 'metric'
            likelihood generating| reference: label\\nextraction: likelihood                     | declare kind: multiple_choice or kind: perplexity
            label out of range   | kind: multiple_choice\\nchoices: endings\\nreference: {field: label, map: {'3': '7', '2': '2'}} | the 0-based index of the right choice, 0 to 3
            """)
    void aMistakeSaysWhatToWrite(String what, String keys, String message, @TempDir Path dir) {
        Fixtures.write(dir, "hellaswag/val.jsonl", HELLASWAG);
        String yaml = """
                id: hellaswag
                description: HellaSwag.
                category: reasoning
                source: {path: hellaswag/val.jsonl}
                itemId: ind
                %s
                variants:
                  default:
                    question: '{{ctx}}'
                """.formatted(keys.replace("\\n", "\n"));

        assertThatThrownBy(() -> Fixtures.load(dir, yaml)).isInstanceOf(BenchmarkException.class)
                .hasMessageContaining(message);
    }
}
