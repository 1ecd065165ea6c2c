package io.evalstream.aggregator.streams;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.Spend;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.LikelihoodSums;
import io.evalstream.reports.scoring.SampleCall;
import io.evalstream.reports.scoring.SampleDetail;
import io.evalstream.reports.scoring.SampleOrigin;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a sample's values as the one flat object a sample always was, field for field and in the order the release
 * before values wrote them, leaving out what is null. By hand, as {@link TallyWriter} (which says why): a sample is
 * encoded for the latest-grade store and the repartition topic on every grade. {@link SampleReader} reads it back.
 */
final class SampleWriter extends StdSerializer<GradedSample> implements ResolvableSerializer {

    private static final TypeFactory TYPES = TypeFactory.defaultInstance();
    // Names quoted once, as Jackson's own writers keep them.
    private static final SerializedString CELL = new SerializedString("cell");
    private static final SerializedString VERDICT = new SerializedString("verdict");
    private static final SerializedString SCORE = new SerializedString("score");
    private static final SerializedString CATEGORY = new SerializedString("category");
    private static final SerializedString SETTINGS_HASH = new SerializedString("settingsHash");
    private static final SerializedString SUBSET = new SerializedString("subset");
    private static final SerializedString JUDGE_SCORES = new SerializedString("judgeScores");
    private static final SerializedString LABELS = new SerializedString("labels");
    private static final SerializedString ERROR_KIND = new SerializedString("errorKind");
    private static final SerializedString LATENCY_MILLIS = new SerializedString("latencyMillis");
    private static final SerializedString USAGE = new SerializedString("usage");
    private static final SerializedString GRADED_AT_MILLIS = new SerializedString("gradedAtMillis");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString ERROR_REASON = new SerializedString("errorReason");
    private static final SerializedString LIKELIHOOD = new SerializedString("likelihood");
    private static final SerializedString SPEND = new SerializedString("spend");
    private static final SerializedString SCORES = new SerializedString("scores");

    private JsonSerializer<Object> subset;
    private JsonSerializer<Object> judgeScores;
    private JsonSerializer<Object> labels;
    private JsonSerializer<Object> usage;
    private JsonSerializer<Object> source;
    private JsonSerializer<Object> likelihood;
    private JsonSerializer<Object> spend;
    private JsonSerializer<Object> scores;

    SampleWriter() {
        super(GradedSample.class);
    }

    // Found once for the declared types, rather than per value by its runtime class.
    @Override
    public void resolve(SerializerProvider provider) throws JsonMappingException {
        subset = provider.findValueSerializer(Subset.class, null);
        judgeScores = provider.findValueSerializer(TYPES.constructMapType(Map.class, String.class, Double.class), null);
        labels = provider.findValueSerializer(TYPES.constructMapType(Map.class, String.class, String.class), null);
        usage = provider.findValueSerializer(TokenUsage.class, null);
        source = provider.findValueSerializer(SourcePosition.class, null);
        likelihood = provider.findValueSerializer(LikelihoodSums.class, null);
        spend = provider.findValueSerializer(Spend.class, null);
        scores = provider.findValueSerializer(TYPES.constructCollectionType(List.class, ScorerVerdict.class), null);
    }

    @Override
    public void serialize(GradedSample sample, JsonGenerator json, SerializerProvider provider) throws IOException {
        SampleCall call = sample.call();
        SampleOrigin origin = sample.origin();
        SampleDetail detail = sample.detail();
        json.writeStartObject();
        json.writeFieldName(CELL);
        json.writeString(sample.cell().toString());
        json.writeFieldName(VERDICT);
        json.writeString(sample.verdict().name());
        json.writeFieldName(SCORE);
        json.writeNumber(sample.score());
        json.writeFieldName(CATEGORY);
        json.writeString(sample.category().name());
        json.writeFieldName(SETTINGS_HASH);
        json.writeString(sample.settingsHash());
        field(json, provider, SUBSET, subset, sample.subset());
        field(json, provider, JUDGE_SCORES, judgeScores, detail.judgeScores());
        field(json, provider, LABELS, labels, detail.labels());
        if (call.errorKind() != null) {
            json.writeFieldName(ERROR_KIND);
            json.writeString(call.errorKind().name());
        }
        number(json, LATENCY_MILLIS, call.latencyMillis());
        field(json, provider, USAGE, usage, call.usage());
        number(json, GRADED_AT_MILLIS, origin.gradedAtMillis());
        field(json, provider, SOURCE, source, origin.source());
        if (call.errorReason() != null) {
            json.writeFieldName(ERROR_REASON);
            json.writeString(call.errorReason());
        }
        field(json, provider, LIKELIHOOD, likelihood, detail.likelihood());
        field(json, provider, SPEND, spend, call.spend());
        field(json, provider, SCORES, scores, detail.scores());
        json.writeEndObject();
    }

    private static void number(JsonGenerator json, SerializedString name, Long value) throws IOException {
        if (value != null) {
            json.writeFieldName(name);
            json.writeNumber(value.longValue());
        }
    }

    private static void field(JsonGenerator json, SerializerProvider provider, SerializedString name,
            JsonSerializer<Object> serializer, Object value) throws IOException {
        if (value != null) {
            json.writeFieldName(name);
            serializer.serialize(value, json, provider);
        }
    }
}
