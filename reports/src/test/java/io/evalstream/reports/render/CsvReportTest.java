package io.evalstream.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CsvReportTest {

    private static final String CSV = CsvReport.render(KnownReport.report());
    private static final List<Map<String, String>> ROWS = parse(CSV);

    @ParameterizedTest(name = "{0} {1} {2}: {3} = {4}")
    @CsvSource(delimiter = '¦', quoteCharacter = '§', nullValues = "(none)", textBlock = """
            overall   ¦ sim-strong ¦ -          ¦ benchmarks          ¦ 2
            overall   ¦ sim-strong ¦ -          ¦ benchmarkMean       ¦ 0.55
            overall   ¦ sim-strong ¦ -          ¦ judge.grammar.mean  ¦ 7.5
            overall   ¦ sim-strong ¦ -          ¦ category            ¦
            overall   ¦ sim-weak   ¦ -          ¦ accuracy            ¦
            overall   ¦ sim-weak   ¦ -          ¦ etaSeconds          ¦ 3725.0
            overall   ¦ sim-weak   ¦ -          ¦ latencyP50Millis    ¦
            category  ¦ sim-strong ¦ MATH       ¦ benchmarkMeanStdErr ¦ 0.289
            category  ¦ sim-strong ¦ MATH       ¦ errors.timeout      ¦ 1
            category  ¦ sim-strong ¦ MATH       ¦ errors.rate_limited ¦ 0
            category  ¦ sim-strong ¦ MATH       ¦ errors.timeout.reason ¦ openai backend failed: HttpTimeoutException: request timed out
            category  ¦ sim-strong ¦ MATH       ¦ errors.ungradable   ¦ 0
            category  ¦ sim-strong ¦ MATH       ¦ errors.ungradable.reason ¦
            benchmark ¦ sim-strong ¦ gsm8k      ¦ errors.timeout.reason ¦ openai backend failed: HttpTimeoutException: request timed out
            benchmark ¦ sim-strong ¦ gsm8k      ¦ errors.no_worker_for_model ¦ 0
            category  ¦ sim-strong ¦ MATH       ¦ incorrect           ¦
            benchmark ¦ sim-strong ¦ gsm8k      ¦ category            ¦ MATH
            benchmark ¦ sim-strong ¦ gsm8k      ¦ accuracy            ¦ 0.5
            benchmark ¦ sim-strong ¦ gsm8k      ¦ ci95Low             ¦ 0.15
            benchmark ¦ sim-strong ¦ gsm8k      ¦ ci95High            ¦ 0.85
            benchmark ¦ sim-strong ¦ gsm8k      ¦ incorrect           ¦ 1
            benchmark ¦ sim-strong ¦ gsm8k      ¦ latencyP95Millis    ¦ 950.0
            benchmark ¦ sim-strong ¦ gsm8k      ¦ promptTokens        ¦ 1200
            benchmark ¦ sim-strong ¦ gsm8k      ¦ passAt1             ¦ 0.4
            benchmark ¦ sim-strong ¦ gsm8k      ¦ passAt10            ¦
            benchmark ¦ sim-strong ¦ gsm8k      ¦ etaSeconds          ¦ 0.0
            benchmark ¦ sim-strong ¦ stories    ¦ accuracy            ¦
            benchmark ¦ sim-strong ¦ stories    ¦ judged              ¦ 5
            benchmark ¦ sim-strong ¦ stories    ¦ judge.grammar.stdErr ¦ 0.5
            benchmark ¦ sim-strong ¦ stories    ¦ judge.creativity.stdErr ¦
            benchmark ¦ sim-strong ¦ stories    ¦ judge.creativity.judged ¦ 5
            benchmark ¦ sim-weak   ¦ gsm8k      ¦ graded              ¦ 0
            benchmark ¦ sim-weak   ¦ gsm8k      ¦ ci95Low             ¦
            benchmark ¦ sim-weak   ¦ gsm8k      ¦ meanScoreStdErr     ¦
            benchmark ¦ sim-weak   ¦ gsm8k      ¦ progress            ¦ 0.0
            scorer    ¦ sim-strong ¦ strict     ¦ correct             ¦ 1
            scorer    ¦ sim-strong ¦ strict     ¦ accuracy            ¦ 0.25
            scorer    ¦ sim-strong ¦ strict     ¦ ci95Low             ¦ 0.046
            scorer    ¦ sim-strong ¦ flexible   ¦ graded              ¦ 4
            scorer    ¦ sim-strong ¦ flexible   ¦ errors.timeout      ¦
            subset    ¦ sim-strong ¦ gsm8k      ¦ subset              ¦ abstract_algebra
            subset    ¦ sim-strong ¦ gsm8k      ¦ group               ¦ stem
            subset    ¦ sim-strong ¦ gsm8k      ¦ ci95High            ¦ 0.939
            subset    ¦ sim-strong ¦ gsm8k      ¦ errors.timeout      ¦
            group     ¦ sim-strong ¦ gsm8k      ¦ group               ¦ stem
            group     ¦ sim-strong ¦ gsm8k      ¦ correct             ¦ 2
            """)
    void hasOneRowPerScopeWithEveryFigureAndEmptyFieldsForNulls(String scope, String model, String which,
            String column, String expected) {
        assertThat(row(scope, model, which)).containsEntry(column, expected == null ? "" : expected);
    }

    @Test
    void hasTheRowsOfEveryScopeInOrder() {
        assertThat(ROWS).extracting(row -> row.get("scope")).containsExactly("overall", "overall", "category",
                "benchmark", "scorer", "scorer", "benchmark", "benchmark", "subset", "group", "label", "label");
        assertThat(ROWS).extracting(row -> row.get("runId")).containsOnly(KnownReport.RUN);
    }

    @Test
    void valuesWithCommasQuotesAndNewlinesAreQuotedAndReadBackAsTheyWere() {
        assertThat(CSV).contains("\"B: 4-5, \"\"older\"\" | or\nyounger\"")
                .contains("\"<script>alert(\"\"x\"\")</script>\"");
        assertThat(ROWS).filteredOn(row -> row.get("scope").equals("label"))
                .extracting(row -> row.get("label") + "=" + row.get("labelValue") + ":" + row.get("count") + "/"
                        + row.get("labelled"))
                .containsExactly("age_group=" + KnownReport.SCRIPT + ":2/5", "age_group=" + KnownReport.AWKWARD + ":3/5");
    }

    @Test
    void recordsEndInCrLfAndPlainFieldsAreNotQuoted() {
        String header = CSV.substring(0, CSV.indexOf("\r\n"));
        assertThat(header).startsWith("scope,runId,modelId,benchmarkId,category,subset,group,label,labelValue,")
                .contains(",errors.timeout,").endsWith(",judge.creativity.mean,judge.creativity.stdErr,"
                        + "judge.creativity.judged,judge.grammar.mean,judge.grammar.stdErr,judge.grammar.judged");
        assertThat(CSV).endsWith("\r\n").contains("\r\nbenchmark,run-7,sim-strong,gsm8k,MATH,,,,,,4,4,2,1,0,1,0,");
        assertThat(CSV.lines().filter(line -> !line.isEmpty()).count()).isEqualTo(ROWS.size() + 2);
    }

    @Test
    void aReportWithoutJudgedGradesHasNoJudgeColumns() {
        assertThat(CsvReport.columns(List.of())).noneMatch(column -> column.startsWith("judge."))
                .contains("errors.internal", "errors.no_worker_for_model", "errors.ungradable.reason", "passAt100");
    }

    private static Map<String, String> row(String scope, String model, String which) {
        List<Map<String, String>> found = ROWS.stream().filter(row -> row.get("scope").equals(scope)
                && row.get("modelId").equals(model) && (which.equals("-")
                || Stream.of("benchmarkId", "category", "scorer").anyMatch(column -> which.equals(row.get(column)))))
                .toList();
        assertThat(found).as(scope + " " + model + " " + which).hasSize(1);
        return found.getFirst();
    }

    private static List<Map<String, String>> parse(String csv) {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll();
        } catch (IOException e) {
            throw new AssertionError("the report is not readable CSV", e);
        }
    }
}
