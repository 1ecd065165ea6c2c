package io.evalstream.evalctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code evalctl report --from FILE}: a per-sample export (as {@code GET /runs/RUN/samples} writes it) rendered
 * offline by the reports library, with no service to ask; bad files get their exit code and the line that is wrong.
 */
@Timeout(60)
class OfflineReportTest {

    /** One export line as the aggregator writes it (SampleLine.of), with the verdict, score and model left open. */
    private static final String LINE = """
            {"taskId":"%1$s/%2$s/gsm8k/item-%3$d/default/0","runId":"%1$s","modelId":"%2$s","benchmarkId":"gsm8k",\
            "itemId":"item-%3$d","variant":"default","sample":0,"prompt":"Question: What is 17 + 25?\\nAnswer:",\
            "completion":"17 + 25 = 42. The answer is 42.","extracted":"42","reference":"42","verdict":"%4$s",\
            "score":%5$s,"settingsHash":"1b105633790b6540","grader":"numeric@1","errorKind":%6$s,"detail":%7$s,\
            "judgement":null,"latencyMillis":812,"usage":{"promptTokens":40,"completionTokens":12},\
            "gradedAt":"2026-11-21T12:00:00Z","source":{"partition":0,"offset":%3$d}}""";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static String line(String run, String model, int item, String verdict) {
        boolean error = verdict.equals("ERROR");
        return LINE.formatted(run, model, item, verdict, verdict.equals("CORRECT") ? "1.0" : "0.0",
                error ? "\"TIMEOUT\"" : "null", error ? "\"no answer within 30 s\"" : "null");
    }

    /** sim-strong: 3 of 4 correct; sim-weak: 1 correct, 1 wrong, 1 error. */
    private static String export() {
        return IntStream.range(0, 4).mapToObj(i -> line("r1", "sim-strong", i, i < 3 ? "CORRECT" : "INCORRECT"))
                .collect(Collectors.joining("\n")) + "\n\n" + String.join("\n", line("r1", "sim-weak", 0, "CORRECT"),
                line("r1", "sim-weak", 1, "INCORRECT"), line("r1", "sim-weak", 2, "ERROR")) + "\n";
    }

    private int evalctl(String... args) {
        CommandLine commandLine = EvalCtl.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private JsonNode cell(JsonNode report, String model) {
        for (JsonNode score : report.path("scores")) {
            if (score.path("modelId").asText().equals(model)) {
                return score;
            }
        }
        throw new AssertionError("no cell of " + model + " in " + report);
    }

    @Test
    void theJsonReportHasEveryCellsCountsAccuracyAndWilsonInterval() throws IOException {
        Path file = Files.writeString(dir.resolve("export.jsonl"), export());

        assertThat(evalctl("report", "--from", file.toString(), "--format", "json")).as(err.toString())
                .isEqualTo(ExitCode.OK);

        JsonNode report = Json.mapper().readTree(out.toString());
        assertThat(report.path("runId").asText()).isEqualTo("r1");
        assertThat(report.path("status").asText()).isEqualTo("UNKNOWN_MANIFEST");
        assertThat(report.path("categories")).isEmpty();
        JsonNode strong = cell(report, "sim-strong");
        assertThat(strong.path("graded").asLong()).isEqualTo(4);
        assertThat(strong.path("correct").asLong()).isEqualTo(3);
        assertThat(strong.path("accuracy").asDouble()).isEqualTo(0.75);
        // Wilson 95% interval of 3 of 4 (Wilson 1927; Brown, Cai & DasGupta 2001, table 5 style): [0.3006, 0.9544].
        assertThat(strong.path("ci95Low").asDouble()).isCloseTo(0.3006, within(1e-4));
        assertThat(strong.path("ci95High").asDouble()).isCloseTo(0.9544, within(1e-4));
        assertThat(strong.path("category").isNull() || strong.path("category").isMissingNode()).isTrue();
        JsonNode weak = cell(report, "sim-weak");
        // A timed-out call is the model's failure: counted as an error and as not correct.
        assertThat(List.of(weak.path("graded").asLong(), weak.path("correct").asLong(), weak.path("errors").asLong()))
                .containsExactly(3L, 1L, 1L);
        assertThat(weak.path("accuracy").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(err.toString()).contains("Rendered offline from " + file + " (7 samples of run r1)")
                .contains("categories and the per-category scores").contains("subset and group scores");
    }

    @Test
    void anExportWhoseLinesCarryCategoryAndSubsetHasTheirScoresAndDoesNotListThemAsMissing() throws IOException {
        String withSetup = export().lines().map(line -> line.isBlank() ? line : line.replace("\"settingsHash\"",
                        "\"category\":\"MATH\",\"subset\":{\"id\":\"algebra\",\"group\":\"stem\"},\"settingsHash\""))
                .collect(Collectors.joining("\n"));
        Path file = Files.writeString(dir.resolve("export.jsonl"), withSetup);

        assertThat(evalctl("report", "--from", file.toString(), "--format", "json")).as(err.toString())
                .isEqualTo(ExitCode.OK);

        JsonNode report = Json.mapper().readTree(out.toString());
        assertThat(report.path("categories")).hasSize(2).allSatisfy(rollup -> assertThat(rollup.path("category")
                .asText()).isEqualTo("MATH"));
        assertThat(cell(report, "sim-strong").path("category").asText()).isEqualTo("MATH");
        JsonNode strongAlgebra = report.path("subsets").path(0);
        assertThat(List.of(strongAlgebra.path("modelId").asText(), strongAlgebra.path("subset").asText(),
                strongAlgebra.path("graded").asLong(), strongAlgebra.path("correct").asLong()))
                .containsExactly("sim-strong", "algebra", 4L, 3L);
        assertThat(report.path("groups")).hasSize(2);
        assertThat(err.toString()).contains("Rendered offline from " + file)
                .doesNotContain("categories and the per-category scores").doesNotContain("subset and group scores");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            markdown | # | sim-strong
            html     | <!DOCTYPE html> | sim-weak
            csv      | '' | sim-strong
            """)
    void everyTextFormatRendersTheCells(String format, String start, String model) throws IOException {
        Path file = Files.writeString(dir.resolve("export.jsonl"), export());

        assertThat(evalctl("report", "--from", file.toString(), "--format", format)).as(err.toString())
                .isEqualTo(ExitCode.OK);

        String report = out.toString();
        assertThat(report).contains(model).contains("gsm8k");
        if (format.equals("markdown")) {
            assertThat(report).startsWith("> Rendered offline from " + file).contains("not in this report");
        } else {
            assertThat(report).startsWith(start);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty file          | EMPTY         | holds no samples
            blank lines only    | BLANK         | holds no samples
            not JSON            | NOT_JSON      | has 1 bad line(s), the first: line 2:
            no verdict          | NO_VERDICT    | line 1: no verdict
            unknown verdict     | BAD_VERDICT   | line 1:
            score above 1       | BAD_SCORE     | line 1: a sample's score must be in [0, 1], got 1.5
            task id disagrees   | WRONG_TASK    | line 1: taskId r1/other/gsm8k/item-0/default/0 disagrees
            two runs            | TWO_RUNS      | the export mixes the runs r1, r2
            a task twice        | TWICE         | task r1/sim-strong/gsm8k/item-0/default/0 appears twice
            """)
    void aBadExportIsRefusedSayingWhatIsWrong(String what, String kind, String message) throws IOException {
        String good = line("r1", "sim-strong", 0, "CORRECT");
        String text = switch (kind) {
            case "EMPTY" -> "";
            case "BLANK" -> "\n  \n";
            case "NOT_JSON" -> good + "\n{\"taskId\": oops\n";
            case "NO_VERDICT" -> good.replace("\"verdict\":\"CORRECT\",", "");
            case "BAD_VERDICT" -> good.replace("\"CORRECT\"", "\"MAYBE\"");
            case "BAD_SCORE" -> good.replace("\"score\":1.0", "\"score\":1.5");
            case "WRONG_TASK" -> good.replace("r1/sim-strong/", "r1/other/");
            case "TWO_RUNS" -> good + "\n" + line("r2", "sim-strong", 1, "CORRECT");
            case "TWICE" -> good + "\n" + good;
            default -> throw new IllegalArgumentException(kind);
        };
        Path file = Files.writeString(dir.resolve("export.jsonl"), text);

        assertThat(evalctl("report", "--from", file.toString())).as(what).isEqualTo(ExitCode.REFUSED);

        assertThat(err.toString()).as(what).contains(message).doesNotContain("Exception");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertThat(evalctl("report", "--from", dir.resolve("nope.jsonl").toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("no such file: " + dir.resolve("nope.jsonl"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            neither a run nor a file | ''
            both a run and a file    | r1
            """)
    void reportTakesARunOrAFileNotBothNorNeither(String what, String run) throws IOException {
        Path file = Files.writeString(dir.resolve("export.jsonl"), export());
        String[] args = run.isEmpty() ? new String[] {"report"} : new String[] {"report", run, "--from", file.toString()};

        assertThat(evalctl(args)).as(what).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("give a RUN id (the aggregator's report) or --from FILE");
    }
}
