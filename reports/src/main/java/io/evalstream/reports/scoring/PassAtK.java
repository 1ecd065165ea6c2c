package io.evalstream.reports.scoring;

import java.util.List;

/**
 * The unbiased pass@k estimator of Chen et al. (2021): with n samples of a problem of which c are correct,
 * pass@k = 1 - C(n-c, k) / C(n, k), the chance that k samples drawn without replacement include a correct one.
 */
public final class PassAtK {

    /** The k reported for a cell, each only where every problem of the cell has at least k samples. */
    public static final List<Integer> KS = List.of(1, 10, 100);

    private PassAtK() {
    }

    /**
     * Computed as 1 - prod_{i=n-c+1..n} (1 - k/i), which never forms a binomial coefficient, so it neither
     * overflows nor loses precision at n = 200.
     *
     * @throws IllegalArgumentException unless 0 <= c <= n and 1 <= k <= n
     */
    public static double estimate(int n, int c, int k) {
        if (c < 0 || c > n || k < 1 || k > n) {
            throw new IllegalArgumentException("pass@k needs 0 <= c <= n and 1 <= k <= n, got n=" + n + " c=" + c
                    + " k=" + k);
        }
        if (n - c < k) {
            return 1.0;
        }
        double allIncorrect = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allIncorrect *= 1.0 - (double) k / i;
        }
        return 1.0 - allIncorrect;
    }
}
