package io.evalstream.contracts;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The most a run may spend on model calls, in US dollars: in total, per model, or both. Once a call would pass a
 * limit, the run's remaining tasks of that model (all models, for the total) end as
 * {@link ErrorKind#BUDGET_EXCEEDED} without a call.
 *
 * @param usd      the run's limit over every model; null for none
 * @param perModel a limit per model id (each one of the run's models); empty for none
 */
public record Budget(Double usd, Map<String, Double> perModel) {

    public Budget {
        if (usd != null) {
            positive(usd, "budget.usd");
        }
        TreeMap<String, Double> sorted = new TreeMap<>();
        if (perModel != null) {
            perModel.forEach((model, limit) -> sorted.put(Require.id(model, "budget.perModel key"),
                    positive(limit, "budget.perModel." + model)));
        }
        perModel = Collections.unmodifiableSortedMap(sorted);
        if (usd == null && perModel.isEmpty()) {
            throw new InvalidRecordException("field 'budget' sets no limit: give 'usd' (the run's total, e.g. 25.0)"
                    + " and/or 'perModel' (e.g. {\"gpt-4o\": 10.0}), or leave 'budget' out");
        }
    }

    /** The limit on one model's spend alone; empty when it has none. */
    public OptionalDouble modelLimit(String model) {
        Double limit = perModel.get(model);
        return limit == null ? OptionalDouble.empty() : OptionalDouble.of(limit);
    }

    private static double positive(Double value, String field) {
        if (value == null || !(value > 0 && Double.isFinite(value))) {
            throw new InvalidRecordException("field '" + field + "' must be a positive number of US dollars, got "
                    + value);
        }
        return value;
    }
}
