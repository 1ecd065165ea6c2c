package io.evalstream.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prices by model id, from a price file that the worker and the producer both read (a ConfigMap in Kubernetes), so
 * what a run is projected to cost and what it is charged come from the same numbers. The file is JSON:
 * <pre>{"models": {"gpt-4o-mini": {"inputPerMillion": 0.15, "outputPerMillion": 0.60,
 *     "cachedInputPerMillion": 0.075, "perRequest": 0,
 *     "tiers": [{"abovePromptTokens": 200000, "inputPerMillion": 0.30, "outputPerMillion": 1.20}],
 *     "batch": {"inputPerMillion": 0.075, "outputPerMillion": 0.30}}}}</pre>
 * Only the two per-million prices are required.
 */
public record PriceList(Map<String, Prices> models) {

    public static final PriceList NONE = new PriceList(Map.of());

    private static final Set<String> PRICE_FIELDS = Set.of("inputPerMillion", "outputPerMillion",
            "cachedInputPerMillion", "perRequest", "tiers", "batch");

    public PriceList {
        models = Collections.unmodifiableSortedMap(new TreeMap<>(models));
    }

    public Optional<Prices> of(String model) {
        return Optional.ofNullable(models.get(model));
    }

    /** This list with {@code overrides} in place of its own prices of the same models. */
    public PriceList with(Map<String, Prices> overrides) {
        TreeMap<String, Prices> merged = new TreeMap<>(models);
        merged.putAll(overrides);
        return new PriceList(merged);
    }

    /** @throws InvalidRecordException naming the file, the model and the field to fix */
    public static PriceList read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new InvalidRecordException("cannot read the price file " + file + ": " + e.getMessage()
                    + "; mount it there or unset the price file setting");
        }
    }

    public static PriceList parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("price file " + source + " is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("models").isObject()) {
            throw new InvalidRecordException("price file " + source + " must be an object with \"models\": {\"<model"
                    + " id>\": {\"inputPerMillion\": 0.15, \"outputPerMillion\": 0.60}}");
        }
        TreeMap<String, Prices> models = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("models").properties()) {
            String where = "price file " + source + ", model '" + entry.getKey() + "'";
            try {
                models.put(Require.id(entry.getKey(), "model id"), prices(entry.getValue()));
            } catch (InvalidRecordException e) {
                throw new InvalidRecordException(where + ": " + e.getMessage());
            }
        }
        return new PriceList(models);
    }

    private static Prices prices(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidRecordException("must be an object such as {\"inputPerMillion\": 0.15,"
                    + " \"outputPerMillion\": 0.60}");
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!PRICE_FIELDS.contains(field)) {
                throw new InvalidRecordException("unknown field '" + field + "'; known: " + new TreeSet<>(PRICE_FIELDS));
            }
        });
        List<PriceTier> tiers = new ArrayList<>();
        for (JsonNode tier : node.path("tiers")) {
            tiers.add(new PriceTier(number(tier, "abovePromptTokens", null).longValue(), rate(tier)));
        }
        JsonNode batch = node.get("batch");
        return new Prices(rate(node), number(node, "perRequest", 0.0), tiers, batch == null ? null : rate(batch));
    }

    private static Rate rate(JsonNode node) {
        return new Rate(number(node, "inputPerMillion", null), number(node, "outputPerMillion", null),
                node.has("cachedInputPerMillion") ? number(node, "cachedInputPerMillion", null) : null);
    }

    private static Double number(JsonNode node, String field, Double fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw new InvalidRecordException("'" + field + "' is required (a number)");
            }
            return fallback;
        }
        if (!value.isNumber()) {
            throw new InvalidRecordException("'" + field + "' must be a number, got " + value);
        }
        return value.doubleValue();
    }
}
