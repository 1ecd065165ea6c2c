package io.evalstream.reports.scoring;

import io.evalstream.contracts.Cost;
import io.evalstream.contracts.Spend;

/**
 * The spend of a cell's tasks, latest answer each, kept in whole nano-dollars so that adding and taking back a task
 * returns to exactly where it was (a sum of doubles would drift with every replaced grade).
 *
 * @param priced   tasks whose spend is known
 * @param unpriced tasks whose model has no price (or whose completion carried none)
 */
public record CostSum(long nanoUsd, long priced, long unpriced) {

    public static final CostSum EMPTY = new CostSum(0, 0, 0);
    private static final double NANO = 1e-9;

    public CostSum move(Spend spend, int delta) {
        if (spend == null || !spend.known()) {
            return new CostSum(nanoUsd, priced, unpriced + delta);
        }
        return new CostSum(nanoUsd + delta * Math.round(spend.usd() / NANO), priced + delta, unpriced);
    }

    public CostSum plus(CostSum other) {
        return new CostSum(nanoUsd + other.nanoUsd, priced + other.priced, unpriced + other.unpriced);
    }

    /** As reports give it: null dollars while no task is priced. */
    public Cost figure() {
        return new Cost(priced == 0 ? null : nanoUsd / 1e9, priced, unpriced);
    }
}
