package io.evalstream.reports.analysis;

import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * A power law y = a * x^b fitted by ordinary least squares on (ln x, ln y): ln y = ln a + b ln x, so the errors are
 * taken as multiplicative. Immutable.
 */
public final class PowerLawFit {

    private final SimpleRegression regression;
    private final int n;
    private final double meanLnX;

    private PowerLawFit(SimpleRegression regression, double meanLnX) {
        this.regression = regression;
        this.n = (int) regression.getN();
        this.meanLnX = meanLnX;
    }

    /**
     * The fit's parameters.
     *
     * @param aStdErr   standard error of a (delta method: a times the standard error of ln a); null below 3 points
     * @param bStdErr   standard error of the exponent b; null below 3 points
     * @param rSquared  share of the variance of ln y the fit explains; null when every y is the same
     * @param points    number of points fitted
     */
    public record PowerLaw(double a, double b, Double aStdErr, Double bStdErr, Double rSquared, int points) {
    }

    /**
     * A predicted y with its 95% prediction interval, computed in log space with the t distribution on n - 2
     * degrees of freedom and back-transformed (so it is not symmetric around y).
     *
     * @param low  lower end; null below 3 points (no residual error to estimate)
     * @param high upper end; likewise
     */
    public record Prediction(double x, double y, Double low, Double high) {
    }

    /**
     * @param x positive values, at least two of them different
     * @param y positive values, as many as x
     * @throws IllegalArgumentException when the points cannot be fitted, saying why
     */
    public static PowerLawFit fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("a power law needs as many y as x values, got " + x.length + " x and "
                    + y.length + " y");
        }
        SimpleRegression regression = new SimpleRegression();
        double sumLnX = 0;
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i]))) {
                throw new IllegalArgumentException("a power law is fitted on logarithms, so x and y must be positive"
                        + " and finite; point " + i + " is (" + x[i] + ", " + y[i] + ")");
            }
            regression.addData(Math.log(x[i]), Math.log(y[i]));
            sumLnX += Math.log(x[i]);
        }
        if (x.length < 2 || !(regression.getXSumSquares() > 0)) {
            throw new IllegalArgumentException("a power law needs at least two points with different x, got "
                    + x.length + " point(s)" + (x.length < 2 ? "" : " all at x = " + x[0]));
        }
        return new PowerLawFit(regression, sumLnX / x.length);
    }

    public PowerLaw parameters() {
        double a = Math.exp(regression.getIntercept());
        boolean errors = n >= 3;
        double rSquared = regression.getRSquare();
        return new PowerLaw(a, regression.getSlope(), errors ? a * regression.getInterceptStdErr() : null,
                errors ? regression.getSlopeStdErr() : null, Double.isFinite(rSquared) ? rSquared : null, n);
    }

    /** @param x where to predict, positive */
    public Prediction predict(double x) {
        if (!(x > 0 && Double.isFinite(x))) {
            throw new IllegalArgumentException("a power law predicts at a positive finite x, got " + x);
        }
        double lnX = Math.log(x);
        double lnY = regression.predict(lnX);
        Optional<Double> halfWidth = halfWidth(lnX);
        return new Prediction(x, Math.exp(lnY), halfWidth.map(h -> Math.exp(lnY - h)).orElse(null),
                halfWidth.map(h -> Math.exp(lnY + h)).orElse(null));
    }

    /** Half the 95% prediction interval in log space: t * sqrt(MSE * (1 + 1/n + (ln x - mean ln x)^2 / Sxx)). */
    private Optional<Double> halfWidth(double lnX) {
        if (n < 3) {
            return Optional.empty();
        }
        double offset = lnX - meanLnX;
        double se = Math.sqrt(regression.getMeanSquareError()
                * (1 + 1.0 / n + offset * offset / regression.getXSumSquares()));
        return Optional.of(new TDistribution(null, n - 2.0).inverseCumulativeProbability(0.975) * se);
    }
}
