package io.evalstream.benchmarks.grading;

import java.util.Optional;

/**
 * Evaluates a canonical LaTeX answer ({@link MathCanonical}) that is a plain real number: decimals, {@code \frac},
 * {@code \sqrt} and {@code \sqrt[n]}, {@code \pi}, powers, + - * / {@code \cdot} {@code \times} {@code \div},
 * implicit products ({@code 2\sqrt{3}}), parentheses and mixed numbers ({@code 6\frac{3}{4}} is 6¾, as MATH
 * writes them). Anything else (a variable, {@code i}, {@code \infty}, a set) has no value, and is compared as
 * text.
 */
final class MathExpressions {

    private MathExpressions() {
    }

    static Optional<MathValue> evaluate(String canonical) {
        return canonical.isEmpty() ? Optional.empty() : MathParser.parse(canonical);
    }

    /** Digits after the point when the whole answer is one decimal ({@code -0.3333} has 4); else 0. */
    static int decimalPlaces(String canonical) {
        int start = canonical.startsWith("-") || canonical.startsWith("+") ? 1 : 0;
        int point = canonical.indexOf('.');
        if (point < start || point == canonical.length() - 1) {
            return 0;
        }
        for (int i = start; i < canonical.length(); i++) {
            if (i != point && !NumberScanner.isDigit(canonical.charAt(i))) {
                return 0;
            }
        }
        return canonical.length() - point - 1;
    }
}
