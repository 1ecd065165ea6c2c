package io.evalstream.benchmarks.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LaTeX-aware equivalence of two answers (MATH). Equal when Hendrycks' {@code is_equiv} says so
 * ({@link HendrycksMath}; except where its unit rule would drop a number, see {@link #unitsHideNumbers}), or when
 * their canonical forms ({@link MathCanonical}) are equal, or match part for part:
 * <ul>
 *   <li>a union {@code A \cup B} matches a union of the same parts in any order;</li>
 *   <li>a tuple or interval matches one with the same brackets and matching elements in order ({@code [2,5)} is
 *       not {@code [2,5]}), a matrix one of the same shape, a bare list {@code 1,2} one in the same order;</li>
 *   <li>single values match by value: exactly for rationals ({@code \frac{9}{7}} is {@code 9/7}), and within half a
 *       unit of the last place for a decimal written with 4 or more places ({@code 1.2857} is {@code \frac97},
 *       {@code 1.286} is not); irrational values ({@code \sqrt{3}/2}) to a relative 1e-9.</li>
 * </ul>
 * Commas: {@code 1,000} and {@code 1{,}000} are one thousand when the whole answer (or union part) is a number
 * in thousands groups; inside brackets a comma always separates elements, so {@code (1,000)} is the point (1, 0).
 * Answers longer than {@value #MAX_CHARS} characters are not read, which bounds the work per grade.
 */
public final class MathEquivalence {

    static final int MAX_CHARS = 1_000;
    private static final int MIN_TOLERANT_PLACES = 4;
    private static final double RELATIVE_TOLERANCE = 1e-9;

    private MathEquivalence() {
    }

    /** The answer without what surrounds it: {@code $...$}, {@code \(...\)}, {@code \boxed{...}}, a final period. */
    public static Extracted normalize(String answer) {
        String s = answer.strip();
        if (s.length() > MAX_CHARS) {
            return new Extracted.Missing("an answer of " + s.length() + " characters is longer than the " + MAX_CHARS
                    + " this grader reads");
        }
        for (String previous = null; !s.equals(previous); ) {
            previous = s;
            s = unwrap(s.endsWith(".") ? s.substring(0, s.length() - 1).strip() : s);
        }
        return s.isEmpty() ? new Extracted.Missing("a blank answer") : new Extracted.Found(s);
    }

    /** 1 when the two normalized answers are the same mathematical object, else 0. */
    public static double score(String answer, String reference) {
        return equivalent(answer, reference) ? 1.0 : 0.0;
    }

    static boolean equivalent(String a, String b) {
        if (HendrycksMath.isEquiv(a, b) && !unitsHideNumbers(a) && !unitsHideNumbers(b)) {
            return true;
        }
        String canonicalA = MathCanonical.of(a);
        String canonicalB = MathCanonical.of(b);
        return canonicalA.equals(canonicalB) || unionsMatch(canonicalA, canonicalB);
    }

    /**
     * Whether Hendrycks' unit rule (drop everything from {@code "\text{ "} on) would drop a number: in
     * {@code 12\text{ and }13} the "unit" is the second answer, and 12 must not match it. The one place this
     * grader is stricter than {@code is_equiv}.
     */
    private static boolean unitsHideNumbers(String answer) {
        int unit = answer.indexOf("\\text{ ");
        if (unit < 0) {
            return false;
        }
        for (int i = unit; i < answer.length(); i++) {
            if (NumberScanner.isDigit(answer.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String unwrap(String s) {
        for (String[] pair : new String[][] {{"$$", "$$"}, {"$", "$"}, {"\\(", "\\)"}, {"\\[", "\\]"}}) {
            if (s.length() >= pair[0].length() + pair[1].length() && s.startsWith(pair[0]) && s.endsWith(pair[1])
                    && !containsUnescaped(s.substring(pair[0].length(), s.length() - pair[1].length()), pair[0])) {
                return s.substring(pair[0].length(), s.length() - pair[1].length()).strip();
            }
        }
        for (String box : new String[] {"\\boxed{", "\\fbox{"}) {
            if (s.startsWith(box) && BoxedAnswers.closingBrace(s, box.length() - 1) == s.length() - 1) {
                return s.substring(box.length(), s.length() - 1).strip();
            }
        }
        return s;
    }

    /** Whether {@code delimiter} occurs in {@code s} other than escaped ({@code \$} is a dollar sign). */
    private static boolean containsUnescaped(String s, String delimiter) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.startsWith(delimiter, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unionsMatch(String a, String b) {
        List<String> partsA = MathParts.split(a, "\\cup");
        List<String> partsB = new ArrayList<>(MathParts.split(b, "\\cup"));
        if (partsA.size() != partsB.size()) {
            return false;
        }
        if (partsA.size() == 1) {
            return partsMatch(a, b);
        }
        for (String part : partsA) {
            int match = -1;
            for (int i = 0; i < partsB.size() && match < 0; i++) {
                match = partsMatch(part, partsB.get(i)) ? i : -1;
            }
            if (match < 0) {
                return false;
            }
            partsB.remove(match);
        }
        return true;
    }

    private static boolean partsMatch(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        MathParts.Group groupA = MathParts.group(a);
        MathParts.Group groupB = MathParts.group(b);
        if (groupA != null || groupB != null) {
            return groupA != null && groupB != null && groupA.open() == groupB.open()
                    && groupA.close() == groupB.close() && allMatch(groupA.elements(), groupB.elements());
        }
        List<List<String>> matrixA = MathParts.matrix(a);
        List<List<String>> matrixB = MathParts.matrix(b);
        if (matrixA != null || matrixB != null) {
            return matrixA != null && matrixB != null && matrixA.size() == matrixB.size()
                    && java.util.stream.IntStream.range(0, matrixA.size())
                            .allMatch(row -> allMatch(matrixA.get(row), matrixB.get(row)));
        }
        List<String> listA = MathParts.list(a);
        List<String> listB = MathParts.list(b);
        if (listA.size() > 1 || listB.size() > 1) {
            return allMatch(listA, listB);
        }
        return valuesMatch(listA.get(0), listB.get(0));
    }

    private static boolean allMatch(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!partsMatch(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean valuesMatch(String a, String b) {
        Optional<MathValue> valueA = MathExpressions.evaluate(a);
        Optional<MathValue> valueB = valueA.isPresent() ? MathExpressions.evaluate(b) : Optional.empty();
        if (valueA.isEmpty() || valueB.isEmpty()) {
            return false;
        }
        MathValue x = valueA.get();
        MathValue y = valueB.get();
        int places = tolerantPlaces(MathExpressions.decimalPlaces(a), MathExpressions.decimalPlaces(b));
        double difference = Math.abs(x.approx() - y.approx());
        if (places > 0) {
            return difference <= 0.5 * Math.pow(10, -places) * (1 + RELATIVE_TOLERANCE);
        }
        if (x.exact() && y.exact()) {
            return x.num().equals(y.num()) && x.den().equals(y.den());
        }
        return difference <= RELATIVE_TOLERANCE * Math.max(1.0, Math.max(Math.abs(x.approx()), Math.abs(y.approx())));
    }

    /** The places of the less precise side written as a decimal with at least 4 places; 0 when neither is. */
    private static int tolerantPlaces(int placesA, int placesB) {
        boolean tolerantA = placesA >= MIN_TOLERANT_PLACES;
        boolean tolerantB = placesB >= MIN_TOLERANT_PLACES;
        if (tolerantA && tolerantB) {
            return Math.min(placesA, placesB);
        }
        return tolerantA ? placesA : tolerantB ? placesB : 0;
    }
}
