package io.evalstream.aggregator.streams;

import static io.evalstream.aggregator.streams.StrictTokens.integer;
import static io.evalstream.aggregator.streams.StrictTokens.number;
import static io.evalstream.aggregator.streams.StrictTokens.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.Spend;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Verdict;
import io.evalstream.reports.scoring.CellLabels;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.LikelihoodSums;
import io.evalstream.reports.scoring.SampleCall;
import io.evalstream.reports.scoring.SampleDetail;
import io.evalstream.reports.scoring.SampleOrigin;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reads a sample's flat JSON straight into its values, field by field in one pass ({@link StateJson} says why). A
 * field missing, as in state written before it existed, or null reads as not known; unknown fields are skipped; the
 * cell, verdict, score, category and settings hash are required. {@code StateJsonTest} fails when a field the sample
 * writes is not read here.
 */
final class SampleReader extends OnePassReader<GradedSample, SampleReader.Fields> {

    private static final TypeFactory TYPES = TypeFactory.defaultInstance();
    private static final JavaType JUDGE_SCORES = TYPES.constructMapType(Map.class, String.class, Double.class);
    private static final JavaType LABELS = TYPES.constructMapType(Map.class, String.class, String.class);
    private static final JavaType SCORES = TYPES.constructCollectionType(List.class, ScorerVerdict.class);

    private JsonDeserializer<Object> cells;
    private JsonDeserializer<Object> verdicts;
    private JsonDeserializer<Object> categories;
    private JsonDeserializer<Object> subsets;
    private JsonDeserializer<Object> judgeScores;
    private JsonDeserializer<Object> labels;
    private JsonDeserializer<Object> errorKinds;
    private JsonDeserializer<Object> usages;
    private JsonDeserializer<Object> sources;
    private JsonDeserializer<Object> likelihoods;
    private JsonDeserializer<Object> spends;
    private JsonDeserializer<Object> scores;

    SampleReader() {
        super(GradedSample.class);
    }

    @Override
    public void resolve(DeserializationContext context) throws JsonMappingException {
        cells = context.findRootValueDeserializer(TYPES.constructType(ScoreKey.class));
        verdicts = context.findRootValueDeserializer(TYPES.constructType(Verdict.class));
        categories = context.findRootValueDeserializer(TYPES.constructType(Category.class));
        subsets = context.findRootValueDeserializer(TYPES.constructType(Subset.class));
        judgeScores = context.findRootValueDeserializer(JUDGE_SCORES);
        labels = context.findRootValueDeserializer(LABELS);
        errorKinds = context.findRootValueDeserializer(TYPES.constructType(ErrorKind.class));
        usages = context.findRootValueDeserializer(TYPES.constructType(TokenUsage.class));
        sources = context.findRootValueDeserializer(TYPES.constructType(SourcePosition.class));
        likelihoods = context.findRootValueDeserializer(TYPES.constructType(LikelihoodSums.class));
        spends = context.findRootValueDeserializer(TYPES.constructType(Spend.class));
        scores = context.findRootValueDeserializer(SCORES);
    }

    /** A sample's fields while they are read: not known until read. */
    static final class Fields {
        Object cell, verdict, category, subset, judgeScores, labels, errorKind, usage, source, likelihood, spend,
                scores;
        Double score;
        String settingsHash, errorReason;
        Long latencyMillis, gradedAtMillis;
    }

    @Override
    Fields fields() {
        return new Fields();
    }

    @Override
    void read(String field, Fields into, JsonParser parser, DeserializationContext context) throws IOException {
        switch (field) {
            case "cell" -> into.cell = cells.deserialize(parser, context);
            case "verdict" -> into.verdict = verdicts.deserialize(parser, context);
            case "score" -> into.score = number(parser, context);
            case "category" -> into.category = categories.deserialize(parser, context);
            case "settingsHash" -> into.settingsHash = text(parser, context);
            case "subset" -> into.subset = subsets.deserialize(parser, context);
            case "judgeScores" -> into.judgeScores = judgeScores.deserialize(parser, context);
            case "labels" -> into.labels = labels.deserialize(parser, context);
            case "errorKind" -> into.errorKind = errorKinds.deserialize(parser, context);
            case "latencyMillis" -> into.latencyMillis = integer(parser, context);
            case "usage" -> into.usage = usages.deserialize(parser, context);
            case "gradedAtMillis" -> into.gradedAtMillis = integer(parser, context);
            case "source" -> into.source = sources.deserialize(parser, context);
            case "errorReason" -> into.errorReason = text(parser, context);
            case "likelihood" -> into.likelihood = likelihoods.deserialize(parser, context);
            case "spend" -> into.spend = spends.deserialize(parser, context);
            case "scores" -> into.scores = scores.deserialize(parser, context);
            default -> parser.skipChildren();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    GradedSample build(Fields read, DeserializationContext context) throws IOException {
        try {
            return new GradedSample((ScoreKey) required(read.cell, "cell"),
                    (Verdict) required(read.verdict, "verdict"), (Double) required(read.score, "score"),
                    new CellLabels((Category) required(read.category, "category"),
                            (String) required(read.settingsHash, "settingsHash")),
                    (Subset) read.subset,
                    new SampleCall(read.latencyMillis, (TokenUsage) read.usage, (Spend) read.spend,
                            (ErrorKind) read.errorKind, read.errorReason),
                    new SampleOrigin(read.gradedAtMillis, (SourcePosition) read.source),
                    new SampleDetail((Map<String, Double>) read.judgeScores, (Map<String, String>) read.labels,
                            (LikelihoodSums) read.likelihood, (List<ScorerVerdict>) read.scores));
        } catch (InvalidRecordException e) {
            throw context.instantiationException(GradedSample.class, e);
        } catch (IllegalArgumentException e) {
            // Said as a broken record (a score out of range, judge scores off the scale), not as Jackson's
            // "cannot construct instance", which the dead-letter reason would cut before the point.
            throw context.instantiationException(GradedSample.class, new InvalidRecordException(e.getMessage(), e));
        }
    }

    private static Object required(Object value, String field) {
        if (value == null) {
            throw new InvalidRecordException("field '" + field + "' is required but missing or null");
        }
        return value;
    }
}
