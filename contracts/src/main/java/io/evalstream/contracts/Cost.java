package io.evalstream.contracts;

/**
 * The cost of some tasks, as reports give it.
 *
 * @param usd      US dollars over the tasks whose model has a price; null when none has
 * @param priced   tasks whose cost is known
 * @param unpriced tasks whose model has no price, so whose cost is unknown (and not in {@code usd})
 */
public record Cost(Double usd, long priced, long unpriced) {

    public static final Cost NONE = new Cost(null, 0, 0);

    public Cost {
        Require.atLeast(priced, 0, "cost.priced");
        Require.atLeast(unpriced, 0, "cost.unpriced");
        if (usd != null && priced == 0) {
            throw new InvalidRecordException("field 'cost.usd' must be null when no task is priced, got " + usd);
        }
    }

    public Cost plus(Cost other) {
        Double sum = usd == null ? other.usd : other.usd == null ? usd : Double.valueOf(usd + other.usd);
        return new Cost(sum, priced + other.priced, unpriced + other.unpriced);
    }
}
