package io.evalstream.reports.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.WireFormat;
import io.evalstream.reports.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An export line is written flat from its parts, every key on every line, and read back into the same parts. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SampleLineTest {

    private static final WireFormat<SampleLine> LINE = WireFormat.of(SampleLine.class);
    private static final ObjectMapper JSON = Json.mapper();

    private static final String FULL = """
            {"taskId":"r1/sim-strong/mmlu/item-3/default/0","runId":"r1","modelId":"sim-strong",\
            "benchmarkId":"mmlu","itemId":"item-3","variant":"default","sample":0,\
            "prompt":"Question: What is 17 + 25?\\nAnswer:","completion":"17 + 25 = 42. The answer is 42.",\
            "extracted":"42","reference":"42","verdict":"CORRECT","score":1.0,%s"settingsHash":"1b105633790b6540",\
            "grader":"numeric@1","errorKind":null,"detail":null,"judgement":null,"latencyMillis":812,\
            "usage":{"promptTokens":40,"completionTokens":12},"gradedAt":"2026-11-21T12:00:00Z",\
            "source":{"partition":0,"offset":3}}""";
    private static final String UNAVAILABLE = """
            {"taskId":"r1/sim-weak/gsm8k/item-1/default/0","runId":"r1","modelId":"sim-weak",\
            "benchmarkId":"gsm8k","itemId":"item-1","variant":"default","sample":0,"prompt":null,\
            "completion":null,"extracted":null,"reference":null,"verdict":"ERROR","score":0.0,%s\
            "settingsHash":"1b105633790b6540","grader":null,"errorKind":"TIMEOUT","detail":null,"judgement":null,\
            "latencyMillis":null,"usage":null,"gradedAt":null,"source":null,\
            "unavailable":"the grade record at evalstream.grades-0@7 was deleted (retention)"}""";
    private static final String NO_SETUP = "\"category\":null,\"subset\":null,";

    /**
     * Lines as the aggregator writes them, and as it wrote them before lines carried the category and subset (byte
     * for byte, from before the line was built from parts): each read back and written again.
     */
    static Stream<Arguments> writtenLines() {
        return Stream.of(
                Arguments.of(FULL.formatted("\"category\":\"KNOWLEDGE\",\"subset\":{\"id\":\"abstract_algebra\","
                        + "\"group\":\"stem\"},"), null),
                Arguments.of(UNAVAILABLE.formatted("\"category\":\"MATH\",\"subset\":null,"), null),
                Arguments.of(FULL.formatted(""), FULL.formatted(NO_SETUP)),
                Arguments.of(UNAVAILABLE.formatted(""), UNAVAILABLE.formatted(NO_SETUP)));
    }

    @ParameterizedTest
    @MethodSource("writtenLines")
    void aLineReadBackIsWrittenAsBeforeWithAnOlderLinesCategoryAndSubsetNull(String line, String rewritten) {
        SampleLine read = ((Decoded.Valid<SampleLine>) LINE.decode(line.getBytes(StandardCharsets.UTF_8))).value();

        assertThat(LINE.encodeToString(read)).isEqualTo(rewritten == null ? line : rewritten);
    }

    @Test
    void aGradesLineHasEveryKeyInItsOrderAndReadsBackAsTheSameLine() throws Exception {
        Grade grade = Fixtures.judged(Fixtures.task("r1", "sim-strong", "stories", 2), 7, 5, 8, "3-5");
        SampleLine line = SampleLine.of(grade, new SourcePosition(1, 42));

        String written = LINE.encodeToString(line);

        assertThat(List.copyOf(JSON.readTree(written).properties()).stream().map(java.util.Map.Entry::getKey))
                .containsExactly("taskId", "runId", "modelId", "benchmarkId", "itemId", "variant", "sample", "prompt",
                        "completion", "extracted", "reference", "verdict", "score", "category", "subset", "settingsHash",
                        "grader", "errorKind", "detail", "judgement", "latencyMillis", "usage", "gradedAt", "source");
        assertThat(LINE.decode(written.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Decoded.Valid<>(line));
        assertThat(line.answer().verdict()).isEqualTo(Verdict.JUDGED);
        assertThat(line.evidence().judgement()).isEqualTo(grade.evidence().judgement());
    }

    @Test
    void aLineWithAWrongFieldIsInvalidNamingTheField() {
        String line = FULL.formatted("").replace("\"CORRECT\"", "\"MAYBE\"");

        assertThat(LINE.decode(line.getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(Decoded.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("'verdict'").contains("MAYBE"));
    }
}
