package io.evalstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.CodeCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a record becomes an item: its reference, aliases, code check and id. */
@Timeout(20)
class ItemMappingTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} gives {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `Ten apples.\\n#### 10`                    | {field: a, pattern: '####\\s*(.+)$', remove: ','} | 10
            `So 1,000 + 234 = 1,234.\\n#### 1,234`      | {field: a, pattern: '####\\s*(.+)$', remove: ','} | 1234
            `It drops by 3.\\n#### -3`                  | {field: a, pattern: '####\\s*(.+)$', remove: ','} | -3
            `Half of 5.\\n####   2.5  `                 | {field: a, pattern: '####\\s*(.+)$', remove: ','} | 2.5
            `  Paris  `                                 | a                                                 | Paris
            `The answer is (C).`                        | {field: a, pattern: '\\(([A-D])\\)'}              | C
            `$\\boxed{\\frac{1}{2}}$`                   | {field: a, pattern: '\\\\boxed\\{(.*)\\}'}         | \\frac{1}{2}
            """)
    void aReferenceRuleKeepsThePartThatIsTheAnswer(String answer, String rule, String reference) {
        Fixtures.write(dir, "d.jsonl", "{\"q\": \"?\", \"a\": \"" + answer.replace("\\", "\\\\").replace("\\\\n", "\\n")
                + "\"}\n");

        Benchmark benchmark = Fixtures.load(dir, Fixtures.definition("path: d.jsonl", """
                reference: %s
                variants: {default: {question: "{{q}}"}}
                """.formatted(rule)));

        assertThat(benchmark.items().getFirst().reference()).isEqualTo(reference);
    }

    @Test
    void aListReferenceGivesTheReferenceAndTheOtherGoldAnswersAsAliases() {
        Fixtures.write(dir, "d.jsonl", """
                {"q": "How many?", "gold": ["3", " three ", "3"], "more": ["III", "three"]}
                """);

        Item item = Fixtures.load(dir, Fixtures.definition("path: d.jsonl", """
                reference: gold
                aliases: more
                variants: {default: {question: "{{q}}"}}
                """)).items().getFirst();

        assertThat(item.reference()).isEqualTo("3");
        assertThat(item.aliases()).containsExactly("three", "III");
    }

    @Test
    void aliasesComeFromANestedListField() {
        Fixtures.write(dir, "d.jsonl", """
                {"question": "Capital of Italy?", "answer": {"value": "Rome", "aliases": ["Rome", "Roma", "Rome, Italy"]}}
                """);

        Item item = Fixtures.load(dir, Fixtures.definition("path: d.jsonl", """
                reference: answer.value
                aliases: answer.aliases
                variants: {default: {question: "{{question}} {{#answer.aliases}}[{{.}}]{{/answer.aliases}}"}}
                """)).items().getFirst();

        assertThat(item.reference()).isEqualTo("Rome");
        assertThat(item.aliases()).containsExactly("Roma", "Rome, Italy");
    }

    @Test
    void aBlankAliasIsRejected() {
        Fixtures.write(dir, "d.jsonl", "{\"q\": \"?\", \"a\": \"x\", \"more\": [\"y\", \" \"]}\n");

        assertThatThrownBy(() -> Fixtures.load(dir, Fixtures.definition("path: d.jsonl", """
                reference: a
                aliases: more
                variants: {default: {question: "{{q}}"}}
                """))).hasMessage("test.yaml: d.jsonl record 1: key 'aliases' gives an empty answer; every answer"
                + " needs text");
    }

    @Test
    void codeFieldsMapIntoTheCodeCheckAndTheReferenceKeepsItsIndentation() {
        Fixtures.write(dir, "h/HumanEval.jsonl.gz", """
                {"task_id": "HumanEval/7", "prompt": "def inc(x):\\n", "entry_point": " inc ", \
                "canonical_solution": "    return x + 1\\n", "test": "def check(candidate):\\n    assert candidate(1) == 2\\n"}
                """);

        Benchmark benchmark = Fixtures.load(dir, """
                id: code
                description: Code.
                category: coding
                source: {path: h/HumanEval.jsonl.gz}
                itemId: task_id
                reference: canonical_solution
                code: {prefix: prompt, test: test, entryPoint: entry_point}
                extraction: code
                variants: {default: {question: "{{prompt}}"}}
                """);
        Item item = benchmark.items().getFirst();

        assertThat(item.id()).isEqualTo("HumanEval-7");
        assertThat(item.reference()).isEqualTo("    return x + 1\n");
        assertThat(item.code()).isEqualTo(new CodeCheck("def inc(x):\n",
                "def check(candidate):\n    assert candidate(1) == 2\n", "inc"));
        assertThat(benchmark.metric()).isEqualTo(io.evalstream.contracts.Metric.CODE_EXECUTION.name());
        assertThat(Fixtures.render(benchmark, "default", 0, false, 0)).isEqualTo("def inc(x):\n");
    }

    @Test
    void mapAndTemplateRulesDeclareHellaSwagBoolQAndMbppStyleSets() {
        Fixtures.write(dir, "hs.jsonl", """
                {"ctx": "He opens the jar", "endings": ["and eats.", "and flies.", "and sings.", "and sleeps."], \
                "label": 0, "flag": true}
                """);
        Fixtures.write(dir, "mbpp.jsonl", """
                {"task_id": 11, "text": "Double a number.", "code": "def double(x):\\n    return 2 * x", \
                "test_list": ["assert double(2) == 4", "assert double(0) == 0"]}
                """);

        Item choice = Fixtures.load(dir, Fixtures.definition("path: hs.jsonl", """
                fields:
                  yes_no: {field: flag, map: {'true': 'yes', 'false': 'no'}}
                reference: {field: label, map: {'0': A, '1': B, '2': C, '3': D}}
                variants: {default: {question: "{{ctx}}... (A) {{endings.0}} (B) {{endings.1}} {{yes_no}}"}}
                """)).items().getFirst();
        Benchmark mbpp = Fixtures.load(dir, """
                id: mbpp
                description: Python problems.
                category: coding
                source: {path: mbpp.jsonl}
                itemId: 'mbpp-{{task_id}}'
                reference: code
                code:
                  test: {template: "def check(candidate):\\n{{#test_list}}    {{.}}\\n{{/test_list}}"}
                  entryPoint: {field: code, pattern: 'def\\s+(\\w+)\\s*\\('}
                extraction: code
                variants: {default: {question: "{{text}}\\n"}}
                """);

        assertThat(choice.reference()).isEqualTo("A");
        assertThat(choice.context()).containsEntry("yes_no", "yes");
        assertThat(mbpp.items().getFirst().id()).isEqualTo("mbpp-11");
        assertThat(mbpp.items().getFirst().code()).isEqualTo(new CodeCheck("", "def check(candidate):\n"
                + "    assert double(2) == 4\n    assert double(0) == 0\n", "double"));
    }

    @ParameterizedTest(name = "''{0}'' becomes ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            HumanEval/0          | HumanEval-0
            tc_1042              | tc_1042
            `what is 2+2?`       | what-is-2+2-
            /leading/slash       | leading-slash
            __init__             | init__
            Ünïcode ñame         | n-code--ame
            a:b@c.d-e+f          | a:b@c.d-e+f
            """)
    void anIdIsMadeValidInsideATaskId(String raw, String id) {
        assertThat(ItemIds.sanitize(raw)).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            default without subsets | ``                     | ` `                      | 0, 1, 2
            default with subsets    | ``                     | `subset: {field: s}`     | x-0, y-0, x-1
            a field                 | `itemId: id`           | ` `                      | q-7, q-8, q-9
            a template              | `itemId: '{{s}}/{{id}}'` | ` `                    | x-q-7, y-q-8, x-q-9
            """)
    void theItemIdComesFromTheDefaultAFieldOrATemplate(String what, String itemId, String subset, String ids) {
        Fixtures.write(dir, "d.jsonl", """
                {"id": "q/7", "s": "x", "q": "a", "a": "1"}
                {"id": "q/8", "s": "y", "q": "b", "a": "2"}
                {"id": "q/9", "s": "x", "q": "c", "a": "3"}
                """);

        Benchmark benchmark = Fixtures.load(dir, Fixtures.definition("path: d.jsonl\n" + subset.strip(), itemId + """

                reference: a
                variants: {default: {question: "{{q}}"}}
                """));

        assertThat(benchmark.items()).extracting(Item::id).containsExactlyElementsOf(List.of(ids.split(", ")));
    }

    @Test
    void twoRecordsWhoseIdsOnlyDifferInForbiddenCharactersCollide() {
        Fixtures.write(dir, "d.jsonl", "{\"id\": \"a/b\", \"q\": \"?\", \"a\": \"1\"}\n{\"id\": \"a b\", \"q\": \"?\","
                + " \"a\": \"2\"}\n");

        assertThatThrownBy(() -> Fixtures.load(dir, Fixtures.definition("path: d.jsonl", """
                itemId: id
                reference: a
                variants: {default: {question: "{{q}}"}}
                """))).hasMessage("test.yaml: key 'itemId' ('id') gives the id 'a-b' to both d.jsonl record 1 and"
                + " d.jsonl record 2; item ids must be unique, so use a field that is, or a template such as"
                + " '{{subset}}-{{row}}'");
    }

    @ParameterizedTest(name = "cluster: {0}")
    @CsvSource(delimiter = ';', nullValues = "null", textBlock = """
            passage.title      ; Gulls-vs.-Foxes, Gulls-vs.-Foxes, Library
            '{{passage.title}}-{{row}}' ; Gulls-vs.-Foxes-0, Gulls-vs.-Foxes-1, Library-2
            null               ; null, null, null
            """)
    void aDeclaredClusterGivesRelatedItemsOneClusterId(String cluster, String clusters) {
        Fixtures.write(dir, "d.jsonl", """
                {"passage": {"title": "Gulls vs. Foxes"}, "q": "How many?", "a": "3"}
                {"passage": {"title": "Gulls vs. Foxes"}, "q": "Who?", "a": "Dana"}
                {"passage": {"title": "Library"}, "q": "When?", "a": "May"}
                """);

        Benchmark benchmark = Fixtures.load(dir, Fixtures.definition("path: d.jsonl", (cluster == null ? ""
                : "cluster: '" + cluster + "'\n") + """
                reference: a
                variants: {default: {question: "{{q}}"}}
                """));

        assertThat(benchmark.items()).extracting(item -> String.valueOf(item.cluster()))
                .containsExactlyElementsOf(List.of(clusters.split(", ")));
    }

    @Test
    void aClusterFieldARecordLacksIsAnErrorNamingTheRecord() {
        Fixtures.write(dir, "d.jsonl", "{\"q\": \"?\", \"a\": \"1\"}\n");

        assertThatThrownBy(() -> Fixtures.load(dir, Fixtures.definition("path: d.jsonl", """
                cluster: passage.title
                reference: a
                variants: {default: {question: "{{q}}"}}
                """))).hasMessageContaining("d.jsonl record 1").hasMessageContaining("cluster");
    }

    @Test
    void roundRobinOrderInterleavesSubsetsSoAnyPrefixSpansThem() {
        Fixtures.write(dir, "d.jsonl", """
                {"s": "b", "q": "b0", "a": "1"}
                {"s": "b", "q": "b1", "a": "1"}
                {"s": "b", "q": "b2", "a": "1"}
                {"s": "a", "q": "a0", "a": "1"}
                {"s": "c", "q": "c0", "a": "1"}
                """);

        Benchmark benchmark = Fixtures.load(dir, Fixtures.definition("{path: d.jsonl, subset: {field: s},"
                + " order: round-robin}", """
                reference: a
                variants: {default: {question: "{{q}}"}}
                """));

        assertThat(benchmark.items()).extracting(Item::id).containsExactly("a-0", "b-0", "c-0", "b-1", "b-2");
    }
}
