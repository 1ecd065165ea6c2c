package io.evalstream.benchmarks.grading;

import java.util.ArrayList;
import java.util.List;

/**
 * A faithful port of {@code is_equiv} and {@code _strip_string} from Hendrycks' MATH release
 * ({@code modeling/math_equivalence.py}), which GPT-Fathom's MATH eval uses too, step for step and in the same
 * order, quirks included: where the Python raises (two {@code "\text{ "} units, {@code \sqrt} or {@code \frac} at
 * the very end), {@code is_equiv} falls back to comparing the raw strings, and so does this port. It is one half of
 * {@link MathEquivalence}, which is therefore at least as lenient as the reference implementation.
 */
final class HendrycksMath {

    private HendrycksMath() {
    }

    static boolean isEquiv(String a, String b) {
        String strippedA = strip(a);
        String strippedB = strip(b);
        return strippedA == null || strippedB == null ? a.equals(b) : strippedA.equals(strippedB);
    }

    /** {@code _strip_string}; null where the Python raises. */
    static String strip(String answer) {
        String s = answer.replace("\n", "").replace("\\!", "").replace("\\\\", "\\")
                .replace("tfrac", "frac").replace("dfrac", "frac")
                .replace("\\left", "").replace("\\right", "")
                .replace("^{\\circ}", "").replace("^\\circ", "")
                .replace("\\$", "");
        s = removeRightUnits(s);
        if (s == null) {
            return null;
        }
        s = s.replace("\\%", "").replace("%", "").replace(" .", " 0.").replace("{.", "{0.");
        if (s.isEmpty()) {
            return s;
        }
        if (s.charAt(0) == '.') {
            s = "0" + s;
        }
        List<String> sides = split(s, "=");
        if (sides.size() == 2 && sides.get(0).length() <= 2) {
            s = sides.get(1);
        }
        s = fixSqrt(s);
        if (s == null) {
            return null;
        }
        s = fixFracs(s.replace(" ", ""));
        if (s == null) {
            return null;
        }
        return fixSlash(s.equals("0.5") ? "\\frac{1}{2}" : s);
    }

    /** {@code _remove_right_units}: "\text{ " only ever introduces units, at the right. */
    private static String removeRightUnits(String s) {
        if (!s.contains("\\text{ ")) {
            return s;
        }
        List<String> splits = split(s, "\\text{ ");
        return splits.size() == 2 ? splits.get(0) : null;
    }

    /** {@code _fix_sqrt}: {@code \sqrt3} becomes {@code \sqrt{3}}. */
    private static String fixSqrt(String s) {
        if (!s.contains("\\sqrt")) {
            return s;
        }
        List<String> splits = split(s, "\\sqrt");
        StringBuilder fixed = new StringBuilder(splits.get(0));
        for (String part : splits.subList(1, splits.size())) {
            if (part.isEmpty()) {
                return null;
            }
            fixed.append(part.charAt(0) != '{' ? "\\sqrt{" + part.charAt(0) + "}" + part.substring(1)
                    : "\\sqrt" + part);
        }
        return fixed.toString();
    }

    /** {@code _fix_fracs}: {@code \frac12} and {@code \frac1{72}} get their braces. */
    private static String fixFracs(String s) {
        List<String> parts = split(s, "\\frac");
        StringBuilder fixed = new StringBuilder(parts.get(0));
        for (String part : parts.subList(1, parts.size())) {
            fixed.append("\\frac");
            if (part.isEmpty()) {
                return null;
            }
            if (part.charAt(0) == '{') {
                fixed.append(part);
            } else if (part.length() < 2) {
                return s;
            } else if (part.charAt(1) != '{') {
                fixed.append('{').append(part.charAt(0)).append("}{").append(part.charAt(1)).append('}')
                        .append(part, 2, part.length());
            } else {
                fixed.append('{').append(part.charAt(0)).append('}').append(part, 1, part.length());
            }
        }
        return fixed.toString();
    }

    /** {@code _fix_a_slash_b}: {@code 3/4} becomes {@code \frac{3}{4}} when both sides are plain integers. */
    private static String fixSlash(String s) {
        List<String> sides = split(s, "/");
        if (sides.size() != 2 || !isCanonicalInteger(sides.get(0)) || !isCanonicalInteger(sides.get(1))) {
            return s;
        }
        return "\\frac{" + sides.get(0) + "}{" + sides.get(1) + "}";
    }

    /** What survives Python's {@code "{}".format(int(x)) == x}: an optional minus, then 0 or digits not led by 0. */
    private static boolean isCanonicalInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (start == text.length() || text.charAt(start) == '0' && (text.length() > start + 1 || start == 1)) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (!NumberScanner.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Python's {@code str.split(separator)}: every part kept, empty ones included. */
    static List<String> split(String s, String separator) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int at = s.indexOf(separator); at >= 0; at = s.indexOf(separator, from)) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }
}
