package io.evalstream.benchmarks.grading;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * A real number an answer evaluates to: an exact rational while only rationals went in, else a double
 * ({@code \pi}, a square root that is not rational). Sizes are bounded, so no answer can make arithmetic slow.
 *
 * @param num numerator, reduced; with {@code den} meaningful only when {@code exact}
 * @param den denominator, positive
 */
record MathValue(BigInteger num, BigInteger den, double approx, boolean exact) {

    /** Largest numerator or denominator kept exact, in bits; anything larger is no value at all. */
    static final int MAX_BITS = 2_048;
    static final MathValue PI = approximate(Math.PI);

    static MathValue rational(BigInteger num, BigInteger den) {
        if (den.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        BigInteger gcd = num.gcd(den);
        BigInteger n = (den.signum() < 0 ? num.negate() : num).divide(gcd.signum() == 0 ? BigInteger.ONE : gcd);
        BigInteger d = den.abs().divide(gcd.signum() == 0 ? BigInteger.ONE : gcd);
        if (n.bitLength() > MAX_BITS || d.bitLength() > MAX_BITS) {
            throw new ArithmeticException("a number too large to compare");
        }
        double approx = new BigDecimal(n).divide(new BigDecimal(d), MathContext.DECIMAL64).doubleValue();
        return new MathValue(n, d, approx, true);
    }

    static MathValue decimal(String digits) {
        BigDecimal value = new BigDecimal(digits);
        return value.scale() > 0 ? rational(value.unscaledValue(), BigInteger.TEN.pow(value.scale()))
                : rational(value.toBigIntegerExact(), BigInteger.ONE);
    }

    static MathValue approximate(double value) {
        if (!Double.isFinite(value)) {
            throw new ArithmeticException("not a finite number");
        }
        return new MathValue(BigInteger.ZERO, BigInteger.ONE, value, false);
    }

    MathValue plus(MathValue other) {
        if (!exact || !other.exact) {
            return approximate(approx + other.approx);
        }
        return rational(num.multiply(other.den).add(other.num.multiply(den)), den.multiply(other.den));
    }

    MathValue negate() {
        return exact ? new MathValue(num.negate(), den, -approx, true) : approximate(-approx);
    }

    MathValue times(MathValue other) {
        return exact && other.exact ? rational(num.multiply(other.num), den.multiply(other.den))
                : approximate(approx * other.approx);
    }

    MathValue dividedBy(MathValue other) {
        if (other.exact ? other.num.signum() == 0 : other.approx == 0.0) {
            throw new ArithmeticException("division by zero");
        }
        return exact && other.exact ? rational(num.multiply(other.den), den.multiply(other.num))
                : approximate(approx / other.approx);
    }

    /** Integer powers of rationals stay exact (exponents up to 64 in size); others go through doubles. */
    MathValue pow(MathValue exponent) {
        boolean integer = exponent.exact && exponent.den.equals(BigInteger.ONE);
        if (integer && exponent.num.abs().compareTo(BigInteger.valueOf(64)) <= 0) {
            int e = exponent.num.intValueExact();
            if (!exact) {
                return approximate(Math.pow(approx, e));
            }
            MathValue power = rational(num.pow(Math.abs(e)), den.pow(Math.abs(e)));
            return e >= 0 ? power : rational(BigInteger.ONE, BigInteger.ONE).dividedBy(power);
        }
        if (approx < 0 && !integer) {
            throw new ArithmeticException("a fractional power of a negative number");
        }
        return approximate(Math.pow(approx, exponent.approx));
    }

    /** The principal {@code index}-th root: exact when numerator and denominator are perfect powers. */
    MathValue root(MathValue index) {
        if (!index.exact || !index.den.equals(BigInteger.ONE) || index.num.compareTo(BigInteger.TWO) < 0
                || index.num.compareTo(BigInteger.valueOf(64)) > 0) {
            throw new ArithmeticException("not a root this grader evaluates");
        }
        int n = index.num.intValueExact();
        boolean odd = n % 2 == 1;
        if (approx < 0 && !odd) {
            throw new ArithmeticException("an even root of a negative number");
        }
        if (exact) {
            BigInteger rootNum = exactRoot(num.abs(), n);
            BigInteger rootDen = exactRoot(den, n);
            if (rootNum != null && rootDen != null) {
                return rational(num.signum() < 0 ? rootNum.negate() : rootNum, rootDen);
            }
        }
        double magnitude = Math.pow(Math.abs(approx), 1.0 / n);
        return approximate(approx < 0 ? -magnitude : magnitude);
    }

    private static BigInteger exactRoot(BigInteger value, int n) {
        if (n == 2) {
            BigInteger root = value.sqrt();
            return root.multiply(root).equals(value) ? root : null;
        }
        BigInteger guess = BigInteger.valueOf(Math.round(Math.pow(value.doubleValue(), 1.0 / n)));
        for (BigInteger candidate = guess.subtract(BigInteger.ONE).max(BigInteger.ZERO);
                candidate.compareTo(guess.add(BigInteger.ONE)) <= 0; candidate = candidate.add(BigInteger.ONE)) {
            if (candidate.pow(n).equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
