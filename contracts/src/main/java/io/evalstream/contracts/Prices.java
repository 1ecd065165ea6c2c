package io.evalstream.contracts;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What one model's calls cost, in US dollars.
 *
 * @param standard   the price per million tokens of a synchronous call
 * @param perRequest a fixed price per call that reached the model, on top of its tokens; 0 when none
 * @param tiers      higher prices for long prompts, any order; empty when the price does not depend on it
 * @param batch      the price per million tokens through the provider's batch API; null when not known, and then a
 *                   batch call's cost is unknown
 */
public record Prices(Rate standard, double perRequest, List<PriceTier> tiers, Rate batch) {

    public Prices {
        Require.present(standard, "price");
        Rate.nonNegative(perRequest, "perRequest");
        tiers = tiers == null ? List.of()
                : tiers.stream().sorted(Comparator.comparingLong(PriceTier::abovePromptTokens)).toList();
    }

    public Prices(Rate standard) {
        this(standard, 0, List.of(), null);
    }

    /**
     * The cost of one call that reached the model and used {@code usage}; empty when the lane has no known price.
     * A prompt past a tier's threshold is billed at that tier, which does not apply to the batch lane.
     */
    public OptionalDouble cost(TokenUsage usage, Lane lane) {
        Rate rate = lane == Lane.BATCH ? batch : tierRate(usage.promptTokens());
        return rate == null ? OptionalDouble.empty() : OptionalDouble.of(perRequest + rate.cost(usage));
    }

    /** The most one call can cost: its prompt and {@code maxTokens} of output at the price that prompt gets. */
    public double ceiling(long promptTokens, long maxTokens, Lane lane) {
        return cost(new TokenUsage(promptTokens, maxTokens), lane).orElse(0);
    }

    private Rate tierRate(long promptTokens) {
        Rate rate = standard;
        for (PriceTier tier : tiers) {
            if (promptTokens > tier.abovePromptTokens()) {
                rate = tier.rate();
            }
        }
        return rate;
    }
}
