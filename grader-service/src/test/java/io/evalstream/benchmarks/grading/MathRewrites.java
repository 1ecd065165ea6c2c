package io.evalstream.benchmarks.grading;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ways a model writes a MATH answer that mean the same as the reference does, for the fidelity test. */
final class MathRewrites {

    private MathRewrites() {
    }

    /** Rewrite name to rewritten answer; only rewrites that apply to this answer and change it. */
    static Map<String, String> of(String answer, String question) {
        String a = answer.strip();
        Map<String, String> rewrites = new LinkedHashMap<>();
        rewrites.put("\\frac as \\dfrac", a.replace("\\frac", "\\dfrac"));
        rewrites.put("\\dfrac as \\frac", a.replace("\\dfrac", "\\frac"));
        rewrites.put("spaces added", a.replace(",", ", ").replace("+", " + ").replace("=", " = "));
        rewrites.put("spaces removed", withoutSpaces(a));
        if (a.startsWith("(") && a.endsWith(")")) {
            rewrites.put("\\left( \\right)", "\\left( " + a.substring(1, a.length() - 1) + " \\right)");
        }
        if (a.contains(",\\!")) {
            rewrites.put("\\! removed", a.replace(",\\!", ","));
        } else if (isInteger(a) && a.replace("-", "").length() > 3) {
            rewrites.put("thousands with ,\\!", thousands(a, ",\\!"));
            rewrites.put("thousands with {,}", thousands(a, "{,}"));
            rewrites.put("thousands with ,", thousands(a, ","));
        }
        // Decided here, not by the grader's own canonicaliser and evaluator: asking them which answers they can read
        // would leave out exactly the answers they misread.
        boolean plainValue = isPlainValue(a);
        if (plainValue && !a.contains("=")) {
            rewrites.put("x = prefix", "x = " + a);
            rewrites.put("unit \\text{ cm}", a + "\\text{ cm}");
            rewrites.put("decimal <-> fraction", decimalOrFraction(a));
        }
        if (a.contains("^\\circ")) {
            rewrites.put("^{\\circ}", a.replace("^\\circ", "^{\\circ}"));
            rewrites.put("degrees dropped", a.replace("^\\circ", ""));
        } else if (plainValue && question.contains("degree")) {
            rewrites.put("^\\circ added", a + "^\\circ");
        }
        rewrites.put("\\frac12 short form", shortFractions(a));
        rewrites.values().removeIf(rewritten -> rewritten == null || rewritten.equals(a));
        return rewrites;
    }

    /** Spaces out, except after a command name before a letter ({@code \pi r} must not become {@code \pir}). */
    private static String withoutSpaces(String a) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            boolean controlSpace = i > 0 && a.charAt(i - 1) == '\\';
            boolean endsCommand = endsWithCommand(out) && i + 1 < a.length() && Character.isLetter(a.charAt(i + 1));
            if (c == ' ' && !controlSpace && !endsCommand) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean endsWithCommand(CharSequence text) {
        int i = text.length() - 1;
        while (i >= 0 && Character.isLetter(text.charAt(i))) {
            i--;
        }
        return i >= 0 && i < text.length() - 1 && text.charAt(i) == '\\';
    }

    /**
     * A number written with digits, a point, signs, {@code \frac}/{@code \dfrac}/{@code \tfrac}, {@code \sqrt},
     * {@code \pi}, powers and braces, and nothing else: a single value a reader evaluates, such as {@code -\frac{3}{4}},
     * {@code 2\sqrt{5}} or {@code \frac{\pi}{3}}. Lists, intervals, equations, units and words are not.
     */
    static boolean isPlainValue(String a) {
        String rest = a.replaceAll("\\\\[dt]?frac|\\\\sqrt|\\\\pi", "");
        return a.matches(".*[0-9].*") && rest.matches("[-+0-9.{}^ ]+") && !rest.matches(".*[0-9] +[0-9].*");
    }

    private static boolean isInteger(String a) {
        return a.matches("-?[1-9][0-9]*");
    }

    private static String thousands(String a, String separator) {
        String digits = a.replace("-", "");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(separator);
            }
            out.append(digits.charAt(i));
        }
        return (a.startsWith("-") ? "-" : "") + out;
    }

    /** {@code \frac{3}{4}} as 0.75, 0.75 as {@code \frac{3}{4}}; null when neither applies exactly. */
    private static String decimalOrFraction(String a) {
        java.util.regex.Matcher fraction = java.util.regex.Pattern.compile("(-?)\\\\d?frac\\{(\\d+)\\}\\{(\\d+)\\}")
                .matcher(a);
        if (fraction.matches()) {
            try {
                BigDecimal value = new BigDecimal(fraction.group(2)).divide(new BigDecimal(fraction.group(3)));
                return fraction.group(1) + value.toPlainString();
            } catch (ArithmeticException nonTerminating) {
                return null;
            }
        }
        if (a.matches("-?[0-9]*\\.[0-9]{1,3}")) {
            BigDecimal value = new BigDecimal(a);
            BigInteger num = value.unscaledValue().abs();
            BigInteger den = BigInteger.TEN.pow(value.scale());
            BigInteger gcd = num.gcd(den);
            return (value.signum() < 0 ? "-" : "") + "\\frac{" + num.divide(gcd) + "}{" + den.divide(gcd) + "}";
        }
        return null;
    }

    private static String shortFractions(String a) {
        return a.replaceAll("\\\\frac\\{(\\d)\\}\\{(\\d)\\}", "\\\\frac$1$2").replaceAll("\\\\sqrt\\{(\\d)\\}", "\\\\sqrt$1");
    }
}
