package io.evalstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A definition with a mistake fails to load with a message that names the file, the key and what to write instead:
 * the whole message is the contract, so each row states it exactly (or up to a temporary path).
 */
@Timeout(20)
class DefinitionErrorsTest {

    private static final String VALID = """
            id: test
            description: A test benchmark.
            category: knowledge
            extraction: answer_line
            source: {path: t/d.jsonl}
            reference: a
            variants: {default: {question: "Q: {{q}}"}}
            """;

    private static final String SCORERS = VALID.replace("extraction: answer_line\n", "") + """
            scorers:
              - {name: loose, extraction: answer_line, metric: exact_match}
              - {name: strict, extraction: answer_is, metric: numeric_equal}
            """;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                row("a typo in a top-level key", VALID.replace("source:", "sorce:"),
                        "test.yaml: unknown key 'sorce' (line 5); allowed keys there: aliases, category, choices,"
                                + " cluster, code, description, extraction, fewShot, fields, id, itemId, judging, kind,"
                                + " metric, reference, scorers, settings, source, subsets, targetDelimiter, variants; did"
                                + " you mean"
                                + " 'source'?"),
                row("a typo in a nested key", VALID.replace("{path: t/d.jsonl}", "{path: t/d.jsonl, fromat: jsonl}"),
                        "test.yaml: unknown key 'fromat' in 'source' (line 5); allowed keys there: columns, examples,"
                                + " format, header, order, path, subset; did you mean 'format'?"),
                row("a typo inside a variant", VALID.replace("question: \"Q: {{q}}\"",
                        "question: \"Q: {{q}}\", instructions: Hi"),
                        "test.yaml: unknown key 'instructions' in 'variants.default' (line 7); allowed keys there:"
                                + " example, instruction, question, separator; did you mean 'instruction'?"),
                row("a typo inside a field rule", VALID.replace("reference: a", "reference: {field: a, patern: x}"),
                        "test.yaml: unknown key 'patern' in 'reference' (line 6); allowed keys there: field, map, pattern,"
                                + " remove, template; did you mean 'pattern'?"),
                row("a rule with both a field and a template", VALID.replace("reference: a",
                        "reference: {field: a, template: '{{a}}'}"),
                        "test.yaml: in 'reference': give exactly one of key 'field' (a path such as 'answer.value')"
                                + " and key 'template' (a Mustache template such as '{{a}} {{b}}')"),
                row("a value the map lacks", VALID.replace("reference: a", "reference: {field: a, map: {one: A}}"),
                        "test.yaml: t/d.jsonl record 1: key 'reference' maps [one] but field 'a' gives 'four'; add it"
                                + " to 'map'"),
                row("an unknown category", VALID.replace("category: knowledge", "category: maths"),
                        "test.yaml: key 'category' has the unknown value 'maths' (line 3); allowed: knowledge,"
                                + " reasoning, comprehension, math, coding, multilingual, safety, writing"),
                row("an unknown extraction", VALID.replace("extraction: answer_line", "extraction: regex"),
                        "test.yaml: key 'extraction': unknown extraction 'regex'; known: answer_is, answer_line, boxed,"
                                + " code, final_answer, last_number, likelihood, multiple_choice, numeric, text"),
                row("an unknown metric", VALID + "metric: bleu\n",
                        "test.yaml: keys 'extraction' and 'metric': unknown metric 'bleu'; known: alias_match,"
                                + " bits_per_byte, code_execution, exact_match, likelihood_acc, math_equivalence,"
                                + " numeric_equal, rubric, token_f1"),
                row("a name no registry could hold (issue 19)", VALID.replace("extraction: answer_line",
                        "extraction: last-number"), "test.yaml: key 'extraction' must be a registered name (a letter,"
                                + " then letters, digits or '_', at most 64), got 'last-number'"),
                row("an added extraction without its metric (issue 19)", VALID.replace("extraction: answer_line",
                        "extraction: last_number"), "test.yaml: key 'metric' is required with extraction last_number"
                                + " (only built-in extractions have a default); known metrics: alias_match,"
                                + " bits_per_byte, code_execution, exact_match, likelihood_acc, math_equivalence,"
                                + " numeric_equal, rubric, token_f1"),
                row("an unknown scorer extraction (issue 19)", SCORERS.replace("answer_is", "regex"),
                        "test.yaml: key 'scorers': unknown extraction 'regex'; known: answer_is,"
                                + " answer_line, boxed, code, final_answer, last_number, likelihood, multiple_choice,"
                                + " numeric, text"),
                row("an unknown headline metric (issue 19)", SCORERS.replace("metric: exact_match}", "metric: bleu}"),
                        "test.yaml: key 'scorers[0]': unknown metric 'bleu'; known: alias_match,"
                                + " bits_per_byte, code_execution, exact_match, likelihood_acc, math_equivalence,"
                                + " numeric_equal, rubric, token_f1"),
                row("an unknown headline scorer (issue 19)", SCORERS.replace("answer_line", "regex"),
                        "test.yaml: key 'scorers[0]': unknown extraction 'regex'; known: answer_is,"
                                + " answer_line, boxed, code, final_answer, last_number, likelihood, multiple_choice,"
                                + " numeric, text"),
                row("a pair that cannot grade (issue 19)", SCORERS.replace("answer_is", "multiple_choice"),
                        "test.yaml: key 'scorers': extraction multiple_choice cannot be scored by metric"
                                + " numeric_equal; it goes with exact_match"),
                row("two scorers of one name (issue 19)", SCORERS.replace("name: strict", "name: loose"),
                        "test.yaml: key 'scorers': field 'scorers' names scorer 'loose' twice; give"
                                + " every scorer its own name"),
                row("scorers beside the single form (issue 19)", SCORERS + "metric: exact_match\n",
                        "test.yaml: keys 'extraction' and 'metric' stand for one scorer named"
                                + " 'default'; with 'scorers' remove them (the first scorer is the headline)"),
                row("a rubric metric without a judge", VALID.replace("extraction: answer_line", "extraction: text"),
                        "test.yaml: key 'judging' is required with metric rubric, e.g. judging: {rubric: tinystories,"
                                + " judge: auto}"),
                row("a judge on a metric that needs none", VALID + "judging: {rubric: tinystories, judge: auto}\n",
                        "test.yaml: key 'judging' applies to metric rubric only (metric is exact_match); remove it"),
                row("an unknown format", VALID.replace("{path: t/d.jsonl}", "{path: t/d.jsonl, format: xml}"),
                        "test.yaml: key 'source.format' has the unknown value 'xml' (line 5); allowed: jsonl, json,"
                                + " csv, tsv"),
                row("an unknown order", VALID.replace("{path: t/d.jsonl}", "{path: t/d.jsonl, order: random}"),
                        "test.yaml: key 'source.order' has the unknown value 'random' (line 5); allowed: file,"
                                + " round-robin"),
                row("a missing required key", VALID.replace("reference: a\n", ""),
                        "test.yaml: key 'reference' is required, e.g. answer"),
                row("a list where text belongs", VALID.replace("description: A test benchmark.",
                        "description: [a, b]"),
                        "test.yaml: key 'description' has the wrong type (line 2): expected a single value (text)"),
                row("text where a list belongs", VALID + "settings: {stop: END}\n",
                        "test.yaml: key 'settings.stop' has the wrong type (line 8): expected a list, e.g. [a, b]"),
                row("a duplicate key", VALID + "id: again\n",
                        "test.yaml: not valid YAML (line 8): Duplicate field 'id'"),
                row("a setting out of range", VALID + "settings: {temperature: 5}\n",
                        "test.yaml: in 'settings': field 'settings.temperature' must be between 0.0 and 2.0, got 5.0"
                                ),
                row("a pattern with two groups", VALID.replace("reference: a",
                        "reference: {field: a, pattern: '(\\d+)-(\\d+)'}"),
                        "test.yaml: in 'reference': key 'pattern' must have exactly 1 capturing group (the part to"
                                + " keep, e.g. '####\\s*(.+)$'), but '(\\d+)-(\\d+)' has 2; write other groups as"
                                + " (?:...)"),
                row("no default variant", VALID.replace("{default: {question:", "{plain: {question:"),
                        "test.yaml: key 'variants' must hold a variant named 'default', e.g. variants: {default:"
                                + " {question: \"Question: {{question}}\\nAnswer:\"}}"),
                row("a reserved field name", VALID + "fields: {row: a}\n",
                        "test.yaml: key 'fields.row' reuses a name every template already has (cot, row, subset,"
                                + " subset_group, subset_name); pick another name"),
                row("code extraction without code fields", VALID.replace("answer_line", "code"),
                        "test.yaml: key 'code' is required with metric code_execution, e.g. code: {prefix: prompt,"
                                + " test: test, entryPoint: entry_point}"),
                row("an empty file", "", "test.yaml: the file is empty; a definition needs at least id,"
                        + " description, category, source, reference, extraction and variants"),
                row("not YAML", "id: test\ndescription: 'unterminated\n", "test.yaml: not valid YAML (line 2): while scanning a"
                        + " quoted scalar, found unexpected end of stream"),
                row("a template that does not parse", VALID.replace("Q: {{q}}", "{{#cot}}Q"),
                        "test.yaml: key 'variants.default.question' is not a valid template: Section missing close"
                                + " tag 'cot' @ line 1"),
                row("a template using a field the records lack", VALID.replace("Q: {{q}}", "Q: {{qustion}}"),
                        "test.yaml: key 'variants.default.question' cannot render t/d.jsonl record 1 (cot false): it"
                                + " uses 'qustion' (template line 1), which this record lacks or holds as null;"
                                + " available: a, cot, q, row"),
                row("a field missing only with chain-of-thought", VALID.replace("Q: {{q}}", "Q: {{q}}{{#cot}}"
                        + " {{why}}{{/cot}}"),
                        "test.yaml: key 'variants.default.question' cannot render t/d.jsonl record 1 (cot true): it"
                                + " uses 'why' (template line 1), which this record lacks or holds as null;"
                                + " available: a, cot, q, row"),
                row("a field missing from one record only", VALID.replace("{path: t/d.jsonl}", "{path: t/e.jsonl}"),
                        "test.yaml: t/e.jsonl record 2: key 'reference' reads field 'a', which this record lacks (or"
                                + " is null); its fields are [q, answer, row]"),
                row("a reference pattern that does not match", VALID.replace("reference: a",
                        "reference: {field: a, pattern: '####\\s*(.+)$'}"),
                        "test.yaml: t/d.jsonl record 1: key 'reference' has pattern '####\\s*(.+)$', which does not"
                                + " match field 'a' (\"four\")"),
                row("a subset the definition does not list", VALID.replace("{path: t/d.jsonl}",
                        "{path: t/d.jsonl, subset: {field: a}}") + "subsets: {five: {group: g}}\n",
                        "test.yaml: t/d.jsonl record 1: is in subset 'four', which key 'subsets' does not list; add it"
                                + " there (e.g. four: {group: other}) or fix the source's subset rule"),
                row("a file-name subset pattern without its group", VALID.replace("{path: t/d.jsonl}",
                        "{path: t/d.jsonl, subset: {file: '(.+)\\.jsonl'}}"),
                        "test.yaml: in 'source.subset': key 'file' must name the part that is the subset with"
                                + " (?<subset>...), e.g. '(?<subset>.+)_test\\.csv'; got '(.+)\\.jsonl'"),
                row("an id template giving two records the same id", VALID + "itemId: 'x-{{a}}'\n",
                        "test.yaml: key 'itemId' ('x-{{a}}') gives the id 'x-four' to both t/d.jsonl record 1 and"
                                + " t/d.jsonl record 2; item ids must be unique, so use a field that is, or a template"
                                + " such as '{{subset}}-{{row}}'"),
                row("a path leaving the data root", VALID.replace("t/d.jsonl", "../etc/d.jsonl"),
                        "test.yaml: in 'source': key 'path' must be relative to a data root and stay inside it"
                                + " ('/'-separated, no leading '/', no '..'), got '../etc/d.jsonl'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeIsReportedWithTheFileTheKeyAndWhatToDo(String what, String yaml, String message,
            @TempDir Path dir) {
        Fixtures.write(dir, "t/d.jsonl", "{\"q\": \"2+2?\", \"a\": \"four\"}\n{\"q\": \"3+1?\", \"a\": \"four\"}\n");
        Fixtures.write(dir, "t/e.jsonl", "{\"q\": \"2+2?\", \"a\": \"four\"}\n{\"q\": \"3+1?\", \"answer\": \"4\"}\n");

        assertThatThrownBy(() -> Fixtures.load(dir, yaml))
                .isInstanceOf(BenchmarkException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> dataMistakes() {
        return Stream.of(
                row("a missing data file", VALID.replace("t/d.jsonl", "t/missing.jsonl"),
                        "test.yaml: no data root holds every file this benchmark needs (source.path"
                                + " 't/missing.jsonl'); searched "),
                row("more declared shots than exemplars", VALID.replace("question: \"Q: {{q}}\"",
                        "question: \"Q: {{q}}\", example: \"Q: {{q}} A: {{a}}\"") + """
                        settings: {shots: 3}
                        fewShot: {source: {path: t/d.jsonl}}
                        """,
                        "test.yaml: key 'settings.shots' is 3 but the few-shot pool ('t/d.jsonl' in "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataMistakes")
    void aDataMistakeNamesTheFileAndTheRoots(String what, String yaml, String message, @TempDir Path dir) {
        Fixtures.write(dir, "t/d.jsonl", "{\"q\": \"2+2?\", \"a\": \"four\"}\n{\"q\": \"3+1?\", \"a\": \"4\"}\n");

        assertThatThrownBy(() -> Fixtures.load(dir, yaml))
                .isInstanceOf(BenchmarkException.class)
                .hasMessageStartingWith(message)
                .hasMessageContaining(dir.toAbsolutePath().normalize().toString());
    }

    private static Arguments row(String what, String yaml, String message) {
        return Arguments.of(what, yaml, message);
    }
}
