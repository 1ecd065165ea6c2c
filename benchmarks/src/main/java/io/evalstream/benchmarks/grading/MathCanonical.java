package io.evalstream.benchmarks.grading;

import java.util.List;

/**
 * The canonical spelling of a LaTeX answer that {@link MathEquivalence} compares, beyond Hendrycks' stripping:
 * typography (spacing commands, {@code \dfrac}, {@code \left(}, sizes, {@code $}, the Unicode minus), units and
 * degrees, {@code \text{...}} wrappers, the LaTeX thousands separator {@code {,}}, a leading {@code x =} or
 * {@code x \in}, and answer choices {@code \text{(A)}} all go; braces are added to {@code \frac12},
 * {@code \sqrt2}, {@code x^2} and {@code 1200_7}. Every step is a literal replacement or a single scan: no regular expressions.
 */
final class MathCanonical {

    private static final List<String> DROPPED = List.of("\n", "\r", "~", "\\qquad", "\\quad", "\\displaystyle",
            "\\textstyle", "\\left.", "\\right.", "\\left", "\\right",
            "\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\big", "\\Big", "^{\\circ}", "^\\circ", "\\circ", "\u00B0",
            "\\degree", "\\$", "$", "\\%", "%");
    private static final List<String> TEXT_COMMANDS = List.of("\\text", "\\mbox", "\\textrm", "\\textnormal",
            "\\mathrm", "\\textbf", "\\mathbf", "\\textit");

    private MathCanonical() {
    }

    static String of(String answer) {
        String s = java.text.Normalizer.normalize(answer, java.text.Normalizer.Form.NFKC).replace('\u2212', '-')
                .replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac");
        s = withoutSpacingCommands(s);
        for (String dropped : DROPPED) {
            s = s.replace(dropped, "");
        }
        s = withoutSpaces(unwrapText(withoutUnits(s.strip()))).replace("{,}", ",");
        s = withoutVariable(s);
        s = bracedScripts(braced(braced(s, "\\frac", 2), "\\sqrt", 1));
        return s.length() == 3 && s.charAt(0) == '(' && s.charAt(2) == ')' && Character.isUpperCase(s.charAt(1))
                ? s.substring(1, 2) : s;
    }

    /**
     * A boxed answer as plain text for the metrics that do not read LaTeX: {@code \text{Saturday}} is "Saturday",
     * {@code 1{,}000} is "1,000"; math delimiters and spacing commands go, everything else stays.
     */
    static Extracted plainText(String latex) {
        String text = unwrapText(withoutSpacingCommands(latex)).replace("{,}", ",").replace("\\$", "")
                .replace("$", "").strip();
        return text.isEmpty() ? new Extracted.Missing("a blank answer") : new Extracted.Found(text);
    }

    /** Drops trailing {@code \text{ cm}}, {@code \mbox{ inches}^2}...: units need a value before them. */
    private static String withoutUnits(String answer) {
        String s = answer;
        while (true) {
            int end = s.length() - exponentLength(s);
            int open = end > 0 && s.charAt(end - 1) == '}' ? openingBrace(s, end - 1) : -1;
            String command = open < 0 ? null : textCommandBefore(s, open);
            if (command == null || s.substring(0, open - command.length()).isBlank()) {
                return s;
            }
            s = s.substring(0, open - command.length()).strip();
        }
    }

    /** The length of a trailing square or cube, {@code ^2} or {@code ^{3}}; 0 if none. */
    private static int exponentLength(String s) {
        int n = s.length();
        if (n >= 2 && s.charAt(n - 2) == '^' && Character.isDigit(s.charAt(n - 1))) {
            return 2;
        }
        return n >= 4 && s.startsWith("^{", n - 4) && Character.isDigit(s.charAt(n - 2)) && s.charAt(n - 1) == '}'
                ? 4 : 0;
    }

    /** {@code \text{X}} and its kin become X. */
    private static String unwrapText(String answer) {
        StringBuilder out = new StringBuilder(answer.length());
        int i = 0;
        while (i < answer.length()) {
            String command = answer.charAt(i) == '\\' ? textCommandAt(answer, i) : null;
            int open = command == null ? -1 : i + command.length();
            int close = open < 0 ? -1 : BoxedAnswers.closingBrace(answer, open);
            if (close < 0) {
                out.append(answer.charAt(i++));
            } else {
                out.append(unwrapText(answer.substring(open + 1, close)));
                i = close + 1;
            }
        }
        return out.toString();
    }

    /** Drops a leading {@code x=} or {@code x\in}: a variable name of one or two characters, or one command. */
    private static String withoutVariable(String s) {
        int equals = s.indexOf('=');
        if (equals > 0 && equals == s.lastIndexOf('=') && isVariable(s.substring(0, equals))) {
            return s.substring(equals + 1);
        }
        int in = s.indexOf("\\in");
        boolean membership = in > 0 && (in + 3 == s.length() || !Character.isLetter(s.charAt(in + 3)));
        return membership && isVariable(s.substring(0, in)) ? s.substring(in + 3) : s;
    }

    private static boolean isVariable(String name) {
        if (name.length() > 1 && name.charAt(0) == '\\') {
            return name.chars().skip(1).allMatch(Character::isLetter);
        }
        return name.length() <= 2 && Character.isLetter(name.charAt(0))
                && name.chars().allMatch(Character::isLetterOrDigit);
    }

    /** Braces single-character arguments: {@code \frac12} is {@code \frac{1}{2}}, {@code \sqrt3} {@code \sqrt{3}}. */
    private static String braced(String s, String command, int arguments) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        int i = 0;
        for (int at = s.indexOf(command); at >= 0; at = s.indexOf(command, i)) {
            out.append(s, i, at + command.length());
            i = at + command.length();
            for (int argument = 0; argument < arguments && i < s.length(); argument++) {
                char c = s.charAt(i);
                if (c == '{') {
                    int close = BoxedAnswers.closingBrace(s, i);
                    int end = close < 0 ? s.length() : close + 1;
                    out.append(s, i, end);
                    i = end;
                } else if (Character.isLetterOrDigit(c)) {
                    out.append('{').append(c).append('}');
                    i++;
                } else {
                    break;
                }
            }
        }
        return out.append(s, i, s.length()).toString();
    }

    /** Drops {@code \!}, {@code \,}, {@code \;}, {@code \:} and {@code \ }, but not the row break {@code \\}. */
    private static String withoutSpacingCommands(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            if (c == '\\' && next == '\\') {
                out.append("\\\\");
                i++;
            } else if (c == '\\' && "!,;: ".indexOf(next) >= 0) {
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code x^2+1} is {@code x^{2}+1} and {@code 1200_7} is {@code 1200_{7}}: a lone character after ^ or _. A
     * longer run stays as written ({@code 2^10} is how models write 1024, whatever TeX makes of it).
     */
    private static String bracedScripts(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c);
            boolean lone = i + 2 >= s.length() || !Character.isLetterOrDigit(s.charAt(i + 2));
            if ((c == '^' || c == '_') && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i + 1)) && lone) {
                out.append('{').append(s.charAt(i + 1)).append('}');
                i++;
            }
        }
        return out.toString();
    }

    private static String withoutSpaces(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    private static String textCommandAt(String s, int at) {
        for (String command : TEXT_COMMANDS) {
            if (s.startsWith(command + "{", at)) {
                return command;
            }
        }
        return null;
    }

    private static String textCommandBefore(String s, int open) {
        for (String command : TEXT_COMMANDS) {
            if (open >= command.length() && s.startsWith(command, open - command.length())) {
                return command;
            }
        }
        return null;
    }

    /** The index of the brace opening the one that closes at {@code close}; -1 if unbalanced. */
    private static int openingBrace(String s, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            boolean escaped = i > 0 && s.charAt(i - 1) == '\\';
            if (s.charAt(i) == '}' && !escaped) {
                depth++;
            } else if (s.charAt(i) == '{' && !escaped && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
