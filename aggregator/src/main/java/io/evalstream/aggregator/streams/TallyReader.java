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
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.VerdictCounts;
import io.evalstream.reports.scoring.CallSums;
import io.evalstream.reports.scoring.CellLabels;
import io.evalstream.reports.scoring.CostSum;
import io.evalstream.reports.scoring.DetailSums;
import io.evalstream.reports.scoring.ErrorCounts;
import io.evalstream.reports.scoring.GradingSpan;
import io.evalstream.reports.scoring.LatencyHistogram;
import io.evalstream.reports.scoring.LikelihoodSums;
import io.evalstream.reports.scoring.Moments;
import io.evalstream.reports.scoring.ScoreSums;
import io.evalstream.reports.scoring.ScorerTally;
import io.evalstream.reports.scoring.Tally;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a tally's flat JSON straight into its values, field by field in one pass ({@link StateJson} says why). A
 * field missing, as in state written before it existed, or null reads as nothing counted; unknown fields are skipped.
 * {@code StateJsonTest} fails when a field the tally writes is not read here.
 */
final class TallyReader extends OnePassReader<Tally, TallyReader.Fields> {

    private static final TypeFactory TYPES = TypeFactory.defaultInstance();
    private static final JavaType KINDS = TYPES.constructMapType(Map.class, ErrorKind.class, Long.class);
    private static final JavaType REASONS = TYPES.constructMapType(Map.class, ErrorKind.class, String.class);
    private static final JavaType DIMENSIONS = TYPES.constructMapType(Map.class, String.class, Moments.class);
    private static final JavaType SCORERS = TYPES.constructMapType(Map.class, String.class, ScorerTally.class);

    private JsonDeserializer<Object> kinds;
    private JsonDeserializer<Object> reasons;
    private JsonDeserializer<Object> dimensions;
    private JsonDeserializer<Object> scorers;
    private JsonDeserializer<Object> category;
    private JsonDeserializer<Object> latency;
    private JsonDeserializer<Object> likelihood;
    private JsonDeserializer<Object> cost;

    TallyReader() {
        super(Tally.class);
    }

    @Override
    public void resolve(DeserializationContext context) throws JsonMappingException {
        kinds = context.findRootValueDeserializer(KINDS);
        reasons = context.findRootValueDeserializer(REASONS);
        dimensions = context.findRootValueDeserializer(DIMENSIONS);
        scorers = context.findRootValueDeserializer(SCORERS);
        category = context.findRootValueDeserializer(TYPES.constructType(Category.class));
        latency = context.findRootValueDeserializer(TYPES.constructType(LatencyHistogram.class));
        likelihood = context.findRootValueDeserializer(TYPES.constructType(LikelihoodSums.class));
        cost = context.findRootValueDeserializer(TYPES.constructType(CostSum.class));
    }

    /** A tally's fields while they are read: none counted until read. */
    static final class Fields {
        long graded, correct, incorrect, noAnswer, errors, judged, byChoice, promptTokens, completionTokens;
        double scoreSum, scoreSquareSum;
        Category category;
        String settingsHash;
        Long firstGradedAt, lastGradedAt;
        Object errorKinds, errorReasons, moments, scorerTallies, histogram, likelihood, cost;
    }

    @Override
    Fields fields() {
        return new Fields();
    }

    @Override
    void read(String field, Fields into, JsonParser parser, DeserializationContext context) throws IOException {
        switch (field) {
            case "graded" -> into.graded = integer(parser, context);
            case "correct" -> into.correct = integer(parser, context);
            case "incorrect" -> into.incorrect = integer(parser, context);
            case "noAnswer" -> into.noAnswer = integer(parser, context);
            case "errors" -> into.errors = integer(parser, context);
            case "judged" -> into.judged = integer(parser, context);
            case "scoreSum" -> into.scoreSum = number(parser, context);
            case "scoreSquareSum" -> into.scoreSquareSum = number(parser, context);
            case "category" -> into.category = (Category) category.deserialize(parser, context);
            case "settingsHash" -> into.settingsHash = text(parser, context);
            case "firstGradedAt" -> into.firstGradedAt = integer(parser, context);
            case "lastGradedAt" -> into.lastGradedAt = integer(parser, context);
            case "errorKinds" -> into.errorKinds = kinds.deserialize(parser, context);
            case "errorReasons" -> into.errorReasons = reasons.deserialize(parser, context);
            case "latency" -> into.histogram = latency.deserialize(parser, context);
            case "promptTokens" -> into.promptTokens = integer(parser, context);
            case "completionTokens" -> into.completionTokens = integer(parser, context);
            case "cost" -> into.cost = cost.deserialize(parser, context);
            case "dimensions" -> into.moments = dimensions.deserialize(parser, context);
            case "likelihood" -> into.likelihood = likelihood.deserialize(parser, context);
            case "byChoice" -> into.byChoice = integer(parser, context);
            case "scorers" -> into.scorerTallies = scorers.deserialize(parser, context);
            default -> parser.skipChildren();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    Tally build(Fields read, DeserializationContext context) throws IOException {
        try {
            return new Tally(read.graded, new VerdictCounts(read.correct, read.incorrect, read.noAnswer, read.errors,
                    read.judged), new ScoreSums(read.scoreSum, read.scoreSquareSum),
                    new CellLabels(read.category, read.settingsHash),
                    new GradingSpan(read.firstGradedAt, read.lastGradedAt),
                    new CallSums(new ErrorCounts((Map<ErrorKind, Long>) read.errorKinds,
                            (Map<ErrorKind, String>) read.errorReasons), (LatencyHistogram) read.histogram,
                            new TokenUsage(read.promptTokens, read.completionTokens), (CostSum) read.cost),
                    new DetailSums((Map<String, Moments>) read.moments, (LikelihoodSums) read.likelihood,
                            read.byChoice, (Map<String, ScorerTally>) read.scorerTallies));
        } catch (IllegalArgumentException | InvalidRecordException e) {
            throw context.instantiationException(Tally.class, e);
        }
    }
}
