package io.evalstream.benchmarks.grading;

import java.util.ArrayList;
import java.util.List;

/** How a canonical LaTeX answer splits into parts: at top-level separators, brackets, matrix cells. */
final class MathParts {

    private static final String[] MATRICES = {"pmatrix", "bmatrix"};

    /** A tuple or interval: one bracket pair around the whole answer, with elements separated by commas. */
    record Group(char open, char close, List<String> elements) {
    }

    private MathParts() {
    }

    /** {@code s} split at every {@code separator} outside brackets and braces. */
    static List<String> split(String s, String separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && s.startsWith(separator, i)) {
                parts.add(s.substring(from, i));
                from = i + separator.length();
                i = from - 1;
            }
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** The tuple or interval {@code s} is, e.g. {@code [2,5)}; null when it is not one. */
    static Group group(String s) {
        if (s.length() < 2 || "([".indexOf(s.charAt(0)) < 0 || ")]".indexOf(s.charAt(s.length() - 1)) < 0) {
            return null;
        }
        int depth = 0;
        for (int i = 0; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            depth += c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
            if (depth == 0) {
                return null;
            }
        }
        List<String> elements = split(s.substring(1, s.length() - 1), ",");
        return elements.size() < 2 ? null : new Group(s.charAt(0), s.charAt(s.length() - 1), elements);
    }

    /** The rows of cells of a {@code pmatrix} or {@code bmatrix}; null when {@code s} is not one. */
    static List<List<String>> matrix(String s) {
        for (String kind : MATRICES) {
            String begin = "\\begin{" + kind + "}";
            String end = "\\end{" + kind + "}";
            if (s.startsWith(begin) && s.endsWith(end) && s.length() >= begin.length() + end.length()) {
                List<List<String>> rows = new ArrayList<>();
                for (String row : split(s.substring(begin.length(), s.length() - end.length()), "\\\\")) {
                    rows.add(split(row, "&"));
                }
                return rows;
            }
        }
        return null;
    }

    /**
     * The elements of a bare list {@code 1,2,3}; one element when there is no top-level comma, or when the whole
     * answer is a number in thousands groups ({@code -12,345.5}), which comes back without its commas.
     */
    static List<String> list(String s) {
        return isThousands(s) ? List.of(s.replace(",", "")) : split(s, ",");
    }

    private static boolean isThousands(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        int digits = 0;
        while (i < s.length() && NumberScanner.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || digits > 3 || i == s.length() || s.charAt(i) != ',') {
            return false;
        }
        while (i < s.length() && s.charAt(i) == ',') {
            for (int k = 1; k <= 3; k++) {
                if (i + k >= s.length() || !NumberScanner.isDigit(s.charAt(i + k))) {
                    return false;
                }
            }
            i += 4;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            int fraction = i;
            while (i < s.length() && NumberScanner.isDigit(s.charAt(i))) {
                i++;
            }
            return i == s.length() && i > fraction;
        }
        return i == s.length();
    }
}
