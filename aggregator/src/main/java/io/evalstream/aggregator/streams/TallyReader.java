package io.evalstream.aggregator.streams;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
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
final class TallyReader extends StdDeserializer<Tally> implements ResolvableDeserializer {

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

    @Override
    @SuppressWarnings("unchecked")
    public Tally deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        long graded = 0, correct = 0, incorrect = 0, noAnswer = 0, errors = 0, judged = 0, byChoice = 0;
        long promptTokens = 0, completionTokens = 0;
        double scoreSum = 0, scoreSquareSum = 0;
        Category cellCategory = null;
        String settingsHash = null;
        Long firstGradedAt = null, lastGradedAt = null;
        Object errorKinds = null, errorReasons = null, moments = null, scorerTallies = null, histogram = null,
                sums = null, costSum = null;
        String field = parser.isExpectedStartObjectToken() ? parser.nextFieldName() : parser.currentName();
        for (; field != null; field = parser.nextFieldName()) {
            if (parser.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            try {
                switch (field) {
                    case "graded" -> graded = integer(parser, context);
                    case "correct" -> correct = integer(parser, context);
                    case "incorrect" -> incorrect = integer(parser, context);
                    case "noAnswer" -> noAnswer = integer(parser, context);
                    case "errors" -> errors = integer(parser, context);
                    case "judged" -> judged = integer(parser, context);
                    case "scoreSum" -> scoreSum = number(parser, context);
                    case "scoreSquareSum" -> scoreSquareSum = number(parser, context);
                    case "category" -> cellCategory = (Category) category.deserialize(parser, context);
                    case "settingsHash" -> settingsHash = text(parser, context);
                    case "firstGradedAt" -> firstGradedAt = integer(parser, context);
                    case "lastGradedAt" -> lastGradedAt = integer(parser, context);
                    case "errorKinds" -> errorKinds = kinds.deserialize(parser, context);
                    case "errorReasons" -> errorReasons = reasons.deserialize(parser, context);
                    case "latency" -> histogram = latency.deserialize(parser, context);
                    case "promptTokens" -> promptTokens = integer(parser, context);
                    case "completionTokens" -> completionTokens = integer(parser, context);
                    case "cost" -> costSum = cost.deserialize(parser, context);
                    case "dimensions" -> moments = dimensions.deserialize(parser, context);
                    case "likelihood" -> sums = likelihood.deserialize(parser, context);
                    case "byChoice" -> byChoice = integer(parser, context);
                    case "scorers" -> scorerTallies = scorers.deserialize(parser, context);
                    default -> parser.skipChildren();
                }
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, Tally.class, field);
            }
        }
        try {
            return new Tally(graded, new VerdictCounts(correct, incorrect, noAnswer, errors, judged),
                    new ScoreSums(scoreSum, scoreSquareSum), new CellLabels(cellCategory, settingsHash),
                    new GradingSpan(firstGradedAt, lastGradedAt),
                    new CallSums(new ErrorCounts((Map<ErrorKind, Long>) errorKinds,
                            (Map<ErrorKind, String>) errorReasons), (LatencyHistogram) histogram,
                            new TokenUsage(promptTokens, completionTokens), (CostSum) costSum),
                    new DetailSums((Map<String, Moments>) moments, (LikelihoodSums) sums, byChoice,
                            (Map<String, ScorerTally>) scorerTallies));
        } catch (IllegalArgumentException | InvalidRecordException e) {
            throw context.instantiationException(Tally.class, e);
        }
    }

    // Strict as the wire mapper is: a count is a JSON integer, never a float or text.
    private static long integer(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            context.handleUnexpectedToken(Long.TYPE, parser);
        }
        return parser.getLongValue();
    }

    private static double number(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.currentToken().isNumeric()) {
            context.handleUnexpectedToken(Double.TYPE, parser);
        }
        return parser.getDoubleValue();
    }

    private static String text(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            context.handleUnexpectedToken(String.class, parser);
        }
        return parser.getText();
    }
}
