package io.evalstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every data format, plain and gzipped, yields the same two records, tricky characters intact. */
@Timeout(20)
class RecordFormatsTest {

    /** A line break, a comma, a tab-free quote: what breaks naive splitting. */
    private static final String FIRST = "Two plus\ntwo, in words?";
    private static final String SECOND = "Capital of \"France\"?";

    static Stream<Arguments> formats() {
        String jsonl = """
                {"q": "Two plus\\ntwo, in words?", "a": "four"}

                {"q": "Capital of \\"France\\"?", "a": "Paris", "extra": [1, 2]}
                """;
        String nested = """
                {"version": 2, "payload": {"rows": [
                  {"q": "Two plus\\ntwo, in words?", "a": "four"},
                  {"q": "Capital of \\"France\\"?", "a": "Paris"}]}}
                """;
        String array = "[{\"q\": \"Two plus\\ntwo, in words?\", \"a\": \"four\"}, {\"q\": \"Capital of \\\"France\\\"?\","
                + " \"a\": \"Paris\"}]";
        String csv = "q,a\n\"Two plus\ntwo, in words?\",four\n\"Capital of \"\"France\"\"?\",Paris\n\n";
        String headerless = "\"Two plus\ntwo, in words?\",four\r\n\"Capital of \"\"France\"\"?\",Paris\r\n";
        String tsv = "q\ta\n\"Two plus\ntwo, in words?\"\tfour\n\"Capital of \"\"France\"\"?\"\tParis\n";
        String tsvHeaderless = "\"Two plus\ntwo, in words?\"\tfour\n\"Capital of \"\"France\"\"?\"\tParis\n";
        return Stream.of(
                Arguments.of("jsonl", "t/data.jsonl", jsonl, "path: t/data.jsonl"),
                Arguments.of("jsonl gzipped", "t/data.jsonl.gz", jsonl, "path: t/data.jsonl.gz"),
                Arguments.of("json, nested examples array", "t/data.json", nested,
                        "path: t/data.json\nexamples: payload.rows"),
                Arguments.of("json gzipped", "t/data.json.gz", nested, "path: t/data.json.gz\nexamples: payload.rows"),
                Arguments.of("json top-level array", "t/data.json", array, "path: t/data.json"),
                Arguments.of("csv with header, quoted multi-line fields", "t/data.csv", csv, "path: t/data.csv"),
                Arguments.of("csv gzipped", "t/data.csv.gz", csv, "path: t/data.csv.gz\nheader: true"),
                Arguments.of("csv without header", "t/data.csv", headerless,
                        "path: t/data.csv\nheader: false\ncolumns: [q, a]"),
                Arguments.of("csv without header gzipped", "t/data.csv.gz", headerless,
                        "path: t/data.csv.gz\nheader: false\ncolumns: [q, a]"),
                Arguments.of("tsv with header", "t/data.tsv", tsv, "path: t/data.tsv"),
                Arguments.of("tsv gzipped", "t/data.tsv.gz", tsv, "path: t/data.tsv.gz"),
                Arguments.of("tsv without header gzipped", "t/data.tsv.gz", tsvHeaderless,
                        "path: t/data.tsv.gz\nheader: false\ncolumns: [q, a]"),
                Arguments.of("format named for an unusual extension", "t/data.txt", jsonl,
                        "path: t/data.txt\nformat: jsonl"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void everyFormatYieldsTheSameRecords(String what, String path, String content, String source, @TempDir Path dir) {
        Fixtures.write(dir, path, content);

        Benchmark benchmark = Fixtures.load(dir, Fixtures.definition(source, """
                reference: a
                variants: {default: {question: "Q: {{q}}"}}
                """));

        assertThat(benchmark.items()).extracting(Item::id, Item::reference).containsExactly(
                tuple("0", "four"), tuple("1", "Paris"));
        assertThat(benchmark.items()).extracting(item -> item.context().get("q")).containsExactly(FIRST, SECOND);
        assertThat(Fixtures.render(benchmark, "default", 0, false, 0)).isEqualTo("Q: " + FIRST);
        assertThat(benchmark.source()).isEqualTo(dir.toAbsolutePath().normalize().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            jsonl line not JSON      | t/d.jsonl    | `{"q": "x", "a": "y"}\n{"q": oops}`          | `path: t/d.jsonl`    | test.yaml: t/d.jsonl line 2: not valid JSON: Unrecognized token 'oops'
            jsonl line not an object | t/d.jsonl    | `[1, 2]`                                     | `path: t/d.jsonl`    | test.yaml: t/d.jsonl line 1: expected a JSON object {...}, got an array
            json object, no examples | t/d.json     | `{"data": [{"q": "x", "a": "y"}]}`           | `path: t/d.json`     | test.yaml: t/d.json: the document is not an array; set source.examples to the key of its record array (top-level keys: [data])
            json examples wrong key  | t/d.json     | `{"data": [{"q": "x", "a": "y"}]}`           | `{path: t/d.json, examples: rows}` | test.yaml: t/d.json: source.examples is 'rows' but the document has no array there; its top-level keys are [data]
            csv short row            | t/d.csv      | `q,a\nx,y\nlonely\n`                         | `path: t/d.csv`      | test.yaml: t/d.csv record 2: has 1 columns but the header names 2 [q, a]; quote fields that contain the separator or line breaks
            csv duplicate header     | t/d.csv      | `q,q\nx,y\n`                                 | `path: t/d.csv`      | test.yaml: t/d.csv: the header row [q, q] has the column 'q' twice
            gz that is not gzip      | t/d.jsonl.gz | `{"q": "x", "a": "y"}`                       | `path: t/d.jsonl.gz` | test.yaml: t/d.jsonl.gz: its name ends in .gz but it is not valid gzip
            empty file               | t/d.jsonl    | ``                                           | `path: t/d.jsonl`    | test.yaml: key 'source.path' is 't/d.jsonl', whose files [t/d.jsonl] in
            """)
    void aFileThatDoesNotFitItsFormatIsReportedWithItsNameAndRow(String what, String path, String content,
            String source, String message, @TempDir Path dir) {
        // Written as is, never gzipped, so that a .gz file here is not gzip.
        Fixtures.writePlain(dir, path, content.replace("\\n", "\n"));

        assertThatThrownBy(() -> Fixtures.load(dir, Fixtures.definition(source, """
                reference: a
                variants: {default: {question: "{{q}}"}}
                """))).isInstanceOf(BenchmarkException.class).hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            files in path order, subset from the file name | 'mmlu/*_test.csv' | {file: '(?<subset>.+)_test\\.csv'}
            files in path order, subset from a field      | 'mmlu/*_test.csv' | {field: topic}
            """)
    void aGlobReadsEveryMatchingFileInPathOrder(String what, String glob, String subset, @TempDir Path dir) {
        Fixtures.write(dir, "mmlu/zoology_test.csv", "q,a,topic\nZebra?,stripes,zoology\n");
        Fixtures.write(dir, "mmlu/anatomy_test.csv", "q,a,topic\nBones?,206,anatomy\nHeart?,4,anatomy\n");
        Fixtures.write(dir, "mmlu/notes.txt", "not matched by the glob");

        Benchmark benchmark = Fixtures.load(dir, Fixtures.definition("path: " + glob + "\nsubset: " + subset, """
                reference: a
                variants: {default: {question: "{{subset_name}}: {{q}}"}}
                """));

        assertThat(benchmark.items()).extracting(Item::id, Item::reference).containsExactly(
                tuple("anatomy-0", "206"), tuple("anatomy-1", "4"), tuple("zoology-0", "stripes"));
        assertThat(benchmark.subsets()).extracting(subsetOf -> subsetOf.id()).containsExactly("anatomy", "zoology");
        assertThat(Fixtures.render(benchmark, "default", 0, false, 2)).isEqualTo("zoology: Zebra?");
    }
}
