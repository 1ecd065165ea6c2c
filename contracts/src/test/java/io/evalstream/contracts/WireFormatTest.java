package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad records come back as reasons that name the problem, never as exceptions. */
@Timeout(10)
class WireFormatTest {

    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);
    private static final String VALID = new String(TASKS.encode(Samples.task()), StandardCharsets.UTF_8);

    static Stream<Arguments> badTasks() {
        return Stream.of(
                Arguments.of("not JSON", "this is not json", "not a valid JSON PromptTask"),
                Arguments.of("truncated", VALID.substring(0, 40), "not a valid JSON PromptTask"),
                Arguments.of("trailing garbage", VALID + " {}", "not a valid JSON PromptTask"),
                Arguments.of("JSON array", "[1,2]", "not a JSON object: a PromptTask is a JSON object, got an array"),
                Arguments.of("JSON number", " 42", "got a number"),
                Arguments.of("JSON string", "\"task\"", "got a string"),
                Arguments.of("JSON null", "null", "got null"),
                Arguments.of("missing version", VALID.replace("\"schemaVersion\":1,", ""),
                        "field 'schemaVersion' is required but missing or null"),
                Arguments.of("fractional version", VALID.replace("\"schemaVersion\":1", "\"schemaVersion\":1.0"),
                        "field 'schemaVersion'"),
                Arguments.of("missing prompt", VALID.replaceFirst("\"prompt\":\"[^\"]*\",", ""),
                        "field 'prompt' is required"),
                Arguments.of("blank prompt", VALID.replaceFirst("\"prompt\":\"[^\"]*\"", "\"prompt\":\"  \""),
                        "field 'prompt' must not be blank"),
                Arguments.of("wrong type", VALID.replace("\"shots\":5", "\"shots\":\"five\""),
                        "field 'settings.shots'"),
                Arguments.of("unknown enum", VALID.replace("\"EVAL\"", "\"GRADE\""),
                        "field 'purpose' has value GRADE that is not a valid Purpose"),
                // Any registered name may be an extraction (issue 19); the grader refuses one it does not know.
                Arguments.of("no registrable name", VALID.replace("\"NUMERIC\"", "\"last-number\""),
                        "field 'extraction' must be a registered name (a letter, then letters, digits or '_', at"
                                + " most 64), got 'last-number'"),
                Arguments.of("unsupported version", VALID.replace("\"schemaVersion\":1", "\"schemaVersion\":2"),
                        "field 'schemaVersion' must be 1"),
                Arguments.of("bad task id", VALID.replace("test-17/default/0", "test-17/default"),
                        "must have 6 '/'-separated parts"),
                Arguments.of("temperature out of range", VALID.replace("\"temperature\":0.0", "\"temperature\":9.0"),
                        "field 'settings.temperature' must be between 0.0 and 2.0"),
                Arguments.of("version as text", VALID.replace("\"schemaVersion\":1", "\"schemaVersion\":\"1\""),
                        "field 'schemaVersion' has the wrong type"),
                Arguments.of("number for text", VALID.replaceFirst("\"reference\":\"4\"", "\"reference\":4"),
                        "field 'reference' has value 4 that is not a valid String"),
                Arguments.of("boolean as text", VALID.replace("\"chainOfThought\":true", "\"chainOfThought\":\"true\""),
                        "field 'settings.chainOfThought'"),
                Arguments.of("enum by ordinal", VALID.replace("\"EVAL\"", "0"), "field 'purpose'"),
                Arguments.of("null value", VALID.replaceFirst("\"reference\":\"4\"", "\"reference\":null"),
                        "field 'reference' is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTasks")
    void aBadTaskDecodesToAReasonThatNamesTheProblem(String name, String json, String reason) {
        Decoded<PromptTask> decoded = TASKS.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains(reason));
    }

    @Test
    void emptyOversizedAndInvalidUtf8RecordsAreRejected() {
        assertThat(TASKS.decode(new byte[0])).isEqualTo(new Decoded.Invalid<>("empty record: expected a JSON PromptTask"));
        assertThat(TASKS.decode(null)).isInstanceOf(Decoded.Invalid.class);
        assertThat(TASKS.decode(new byte[WireFormat.MAX_BYTES + 1])).isInstanceOfSatisfying(Decoded.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("exceeds the limit"));
        byte[] invalidUtf8 = VALID.replace("2+2", "\u0000\u0000\u0000").getBytes(StandardCharsets.UTF_8);
        invalidUtf8[VALID.indexOf("Question") + 12] = (byte) 0xC3;
        invalidUtf8[VALID.indexOf("Question") + 13] = (byte) 0x28;
        assertThat(TASKS.decode(invalidUtf8)).isInstanceOf(Decoded.Invalid.class);
    }

    @Test
    void unknownFieldsAreIgnoredSoEvolutionCanBeAdditive() {
        String withExtra = VALID.replaceFirst("\\{", "{\"addedInV1_1\":{\"x\":1},");
        assertThat(TASKS.decode(withExtra.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Decoded.Valid<>(Samples.task()));
    }

    @Test
    void enumsAreReadCaseInsensitivelyForHandWrittenRecords() {
        String lower = VALID.replace("\"EVAL\"", "\"eval\"").replace("\"MATH\"", "\"math\"");
        assertThat(TASKS.decode(lower.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Decoded.Valid<>(Samples.task()));
    }
}
