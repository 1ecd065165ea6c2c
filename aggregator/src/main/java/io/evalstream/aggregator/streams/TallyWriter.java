package io.evalstream.aggregator.streams;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.VerdictCounts;
import io.evalstream.reports.scoring.CallSums;
import io.evalstream.reports.scoring.CostSum;
import io.evalstream.reports.scoring.DetailSums;
import io.evalstream.reports.scoring.LatencyHistogram;
import io.evalstream.reports.scoring.LikelihoodSums;
import io.evalstream.reports.scoring.Moments;
import io.evalstream.reports.scoring.ScorerTally;
import io.evalstream.reports.scoring.Tally;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a tally's values as the one flat object a tally always was, field for field and in the order the release
 * before values wrote them. By hand rather than through {@code @JsonUnwrapped} values: Jackson's unwrapping writer
 * made encoding a tally a third slower, and a tally is encoded for every grade. {@link TallyReader} reads it back.
 */
final class TallyWriter extends StdSerializer<Tally> implements ResolvableSerializer {

    private static final TypeFactory TYPES = TypeFactory.defaultInstance();
    // Names quoted once, as Jackson's own writers keep them.
    private static final SerializedString GRADED = new SerializedString("graded");
    private static final SerializedString CORRECT = new SerializedString("correct");
    private static final SerializedString INCORRECT = new SerializedString("incorrect");
    private static final SerializedString NO_ANSWER = new SerializedString("noAnswer");
    private static final SerializedString ERRORS = new SerializedString("errors");
    private static final SerializedString SCORE_SUM = new SerializedString("scoreSum");
    private static final SerializedString SCORE_SQUARE_SUM = new SerializedString("scoreSquareSum");
    private static final SerializedString CATEGORY = new SerializedString("category");
    private static final SerializedString SETTINGS_HASH = new SerializedString("settingsHash");
    private static final SerializedString JUDGED = new SerializedString("judged");
    private static final SerializedString DIMENSIONS = new SerializedString("dimensions");
    private static final SerializedString ERROR_KINDS = new SerializedString("errorKinds");
    private static final SerializedString LATENCY = new SerializedString("latency");
    private static final SerializedString PROMPT_TOKENS = new SerializedString("promptTokens");
    private static final SerializedString COMPLETION_TOKENS = new SerializedString("completionTokens");
    private static final SerializedString FIRST_GRADED_AT = new SerializedString("firstGradedAt");
    private static final SerializedString LAST_GRADED_AT = new SerializedString("lastGradedAt");
    private static final SerializedString ERROR_REASONS = new SerializedString("errorReasons");
    private static final SerializedString LIKELIHOOD = new SerializedString("likelihood");
    private static final SerializedString BY_CHOICE = new SerializedString("byChoice");
    private static final SerializedString COST = new SerializedString("cost");
    private static final SerializedString SCORERS = new SerializedString("scorers");

    private JsonSerializer<Object> dimensions;
    private JsonSerializer<Object> kinds;
    private JsonSerializer<Object> reasons;
    private JsonSerializer<Object> latency;
    private JsonSerializer<Object> likelihood;
    private JsonSerializer<Object> cost;
    private JsonSerializer<Object> scorers;

    TallyWriter() {
        super(Tally.class);
    }

    // Found once for the declared types, rather than per value by its runtime class.
    @Override
    public void resolve(SerializerProvider provider) throws JsonMappingException {
        dimensions = provider.findValueSerializer(TYPES.constructMapType(Map.class, String.class, Moments.class), null);
        kinds = provider.findValueSerializer(TYPES.constructMapType(Map.class, ErrorKind.class, Long.class), null);
        reasons = provider.findValueSerializer(TYPES.constructMapType(Map.class, ErrorKind.class, String.class), null);
        latency = provider.findValueSerializer(LatencyHistogram.class, null);
        likelihood = provider.findValueSerializer(LikelihoodSums.class, null);
        cost = provider.findValueSerializer(CostSum.class, null);
        scorers = provider.findValueSerializer(TYPES.constructMapType(Map.class, String.class, ScorerTally.class),
                null);
    }

    @Override
    public void serialize(Tally tally, JsonGenerator json, SerializerProvider provider) throws IOException {
        VerdictCounts counts = tally.counts();
        CallSums calls = tally.calls();
        DetailSums detail = tally.detail();
        json.writeStartObject();
        number(json, GRADED, tally.graded());
        number(json, CORRECT, counts.correct());
        number(json, INCORRECT, counts.incorrect());
        number(json, NO_ANSWER, counts.noAnswer());
        number(json, ERRORS, counts.errors());
        number(json, SCORE_SUM, tally.sums().scoreSum());
        number(json, SCORE_SQUARE_SUM, tally.sums().scoreSquareSum());
        if (tally.category() != null) {
            text(json, CATEGORY, tally.category().name());
        }
        if (tally.settingsHash() != null) {
            text(json, SETTINGS_HASH, tally.settingsHash());
        }
        number(json, JUDGED, counts.judged());
        field(json, provider, DIMENSIONS, dimensions, detail.dimensions());
        field(json, provider, ERROR_KINDS, kinds, calls.errorCounts().counts());
        field(json, provider, LATENCY, latency, calls.latency());
        number(json, PROMPT_TOKENS, calls.tokens().promptTokens());
        number(json, COMPLETION_TOKENS, calls.tokens().completionTokens());
        if (tally.span().firstGradedAt() != null) {
            number(json, FIRST_GRADED_AT, tally.span().firstGradedAt());
        }
        if (tally.span().lastGradedAt() != null) {
            number(json, LAST_GRADED_AT, tally.span().lastGradedAt());
        }
        field(json, provider, ERROR_REASONS, reasons, calls.errorCounts().reasons());
        field(json, provider, LIKELIHOOD, likelihood, detail.likelihood());
        number(json, BY_CHOICE, detail.byChoice());
        field(json, provider, COST, cost, calls.cost());
        field(json, provider, SCORERS, scorers, detail.scorers());
        json.writeEndObject();
    }

    private static void number(JsonGenerator json, SerializedString name, long value) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(value);
    }

    private static void number(JsonGenerator json, SerializedString name, double value) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(value);
    }

    private static void text(JsonGenerator json, SerializedString name, String value) throws IOException {
        json.writeFieldName(name);
        json.writeString(value);
    }

    private static void field(JsonGenerator json, SerializerProvider provider, SerializedString name,
            JsonSerializer<Object> serializer, Object value) throws IOException {
        json.writeFieldName(name);
        serializer.serialize(value, json, provider);
    }
}
