package io.evalstream.contracts;

/**
 * US dollars per million tokens.
 *
 * @param cachedInputPerMillion the price of prompt tokens the provider served from its prompt cache; null when the
 *                              provider has none (cached tokens then cost {@code inputPerMillion})
 */
public record Rate(double inputPerMillion, double outputPerMillion, Double cachedInputPerMillion) {

    public Rate {
        nonNegative(inputPerMillion, "inputPerMillion");
        nonNegative(outputPerMillion, "outputPerMillion");
        if (cachedInputPerMillion != null) {
            nonNegative(cachedInputPerMillion, "cachedInputPerMillion");
        }
    }

    public Rate(double inputPerMillion, double outputPerMillion) {
        this(inputPerMillion, outputPerMillion, null);
    }

    /** What {@code usage} costs at this rate, in US dollars. */
    public double cost(TokenUsage usage) {
        long cached = usage.cached();
        double cachedPrice = cachedInputPerMillion == null ? inputPerMillion : cachedInputPerMillion;
        return ((usage.promptTokens() - cached) * inputPerMillion + cached * cachedPrice
                + usage.completionTokens() * outputPerMillion) / 1e6;
    }

    static double nonNegative(double value, String field) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new InvalidRecordException("price '" + field + "' must be a finite number >= 0 (US dollars), got "
                    + value);
        }
        return value;
    }
}
