package io.evalstream.contracts;

/**
 * What a run spec says about one model, for scaling analyses across a model family (e.g. a power law of loss
 * against training compute).
 *
 * @param family        the model family the model belongs to (e.g. {@code llama}); an id, so it can name the
 *                      family in a URL
 * @param parameters    number of parameters (e.g. {@code 7.0e9}); positive when given, null when unknown
 * @param trainingFlops training compute in floating-point operations (e.g. {@code 1.2e23}); positive when given,
 *                      null when unknown
 */
public record ModelInfo(String family, Double parameters, Double trainingFlops) {

    public ModelInfo {
        Require.id(family, "modelInfo.family");
        positiveWhenGiven(parameters, "modelInfo.parameters");
        positiveWhenGiven(trainingFlops, "modelInfo.trainingFlops");
    }

    private static void positiveWhenGiven(Double value, String field) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new InvalidRecordException("field '" + field + "' must be a positive finite number (e.g. 7.0e9)"
                    + " or left out when unknown, got " + value);
        }
    }
}
