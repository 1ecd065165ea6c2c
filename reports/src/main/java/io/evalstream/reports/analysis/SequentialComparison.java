package io.evalstream.reports.analysis;

import io.evalstream.reports.scoring.ConfidenceSequence;
import io.evalstream.reports.scoring.Interval;

/**
 * An anytime-valid paired comparison of two models' right/wrong answers, for stopping a comparison once it is
 * decided (or futile) however often it is looked at. Only discordant items say which model is better (McNemar's
 * insight): among them B wins a share q, and B is better exactly when q > 1/2. The share gets a confidence sequence
 * ({@link ConfidenceSequence}, Howard, Ramdas, McAuliffe and Sekhon 2021) at alpha/2, so "B is better" is claimed
 * wrongly, at any look, with probability at most alpha/2, and likewise "A is better". For futility the discordant
 * rate D gets one too, at alpha/2: {@code |B - A| = |2q - 1| D}, so when the largest |2q - 1| in q's interval times
 * the upper end of D's is below the margin, no difference of that size is left to find (a union bound keeps the
 * whole procedure at alpha).
 */
public final class SequentialComparison {

    private SequentialComparison() {
    }

    /** What a look says. */
    public enum Decision {
        /** Keep going. */
        CONTINUE,
        /** B is better than A. */
        B_BETTER,
        /** A is better than B. */
        A_BETTER,
        /** Any difference is smaller than the margin. */
        FUTILE
    }

    /**
     * @param decision        what to do
     * @param bWinShare       the anytime interval of B's share of the discordant items ([0, 1] before any)
     * @param differenceBound an anytime upper bound on |B - A| (accuracy points as a fraction)
     */
    public record Look(Decision decision, Interval bWinShare, double differenceBound) {
    }

    /**
     * @param aOnly  items A got right and B wrong so far
     * @param bOnly  items B got right and A wrong so far
     * @param pairs  items both have answered so far, >= aOnly + bOnly
     * @param alpha  the chance, over the whole run, of a wrong claim; in (0, 1)
     * @param margin the smallest |B - A| worth finding, in [0, 1); 0 never stops for futility
     */
    public static Look look(long aOnly, long bOnly, long pairs, double alpha, double margin) {
        if (aOnly < 0 || bOnly < 0 || pairs < aOnly + bOnly) {
            throw new IllegalArgumentException("need 0 <= aOnly, bOnly and aOnly + bOnly <= pairs, got aOnly="
                    + aOnly + " bOnly=" + bOnly + " pairs=" + pairs);
        }
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("the margin is the smallest difference worth finding, in [0, 1); got "
                    + margin);
        }
        long discordant = aOnly + bOnly;
        Interval share = ConfidenceSequence.interval(bOnly, discordant, alpha / 2);
        Interval rate = ConfidenceSequence.interval(discordant, pairs, alpha / 2);
        double bound = Math.max(Math.abs(2 * share.lower() - 1), Math.abs(2 * share.upper() - 1)) * rate.upper();
        Decision decision = share.lower() > 0.5 ? Decision.B_BETTER : share.upper() < 0.5 ? Decision.A_BETTER
                : bound < margin ? Decision.FUTILE : Decision.CONTINUE;
        return new Look(decision, share, bound);
    }
}
