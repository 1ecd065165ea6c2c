package io.evalstream.contracts;

/**
 * What a completion's model call cost.
 *
 * @param usd  US dollars; null when the model has no price for the lane (unknown, never 0)
 * @param lane the lane whose price applies
 */
public record Spend(Double usd, Lane lane) {

    public Spend {
        if (usd != null) {
            Rate.nonNegative(usd, "spend.usd");
        }
        Require.present(lane, "spend.lane");
    }

    public static Spend unknown(Lane lane) {
        return new Spend(null, lane);
    }

    public boolean known() {
        return usd != null;
    }
}
