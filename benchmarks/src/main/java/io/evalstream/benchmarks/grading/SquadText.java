package io.evalstream.benchmarks.grading;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SQuAD answer normalization (as GPT-Fathom's {@code normalize}: lower case, punctuation removed, the articles
 * a/an/the removed, white space collapsed), the exact match and the token F1 built on it. Two deliberate changes
 * keep numbers right, which SQuAD does not: a decimal point between digits stays ({@code 3.5} is not {@code 35}),
 * and a minus sign starting a number stays ({@code -5} is not {@code 5}). Punctuation means ASCII punctuation and
 * symbols, as in Python's {@code string.punctuation}, plus every Unicode punctuation character (curly quotes).
 */
public final class SquadText {

    private static final Set<String> ARTICLES = Set.of("a", "an", "the");
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private SquadText() {
    }

    /**
     * The SQuAD form of an answer or reference. When that is empty for a non-blank text, the text still compares
     * as itself rather than as nothing: with its articles kept ("(A)" and "A" are "a", "The" is "the"), else
     * lower-cased with white space collapsed ("?").
     */
    public static Extracted normalize(String text) {
        String squad = String.join(" ", tokens(text, true));
        if (!squad.isEmpty()) {
            return new Extracted.Found(squad);
        }
        String withArticles = String.join(" ", tokens(text, false));
        if (!withArticles.isEmpty()) {
            return new Extracted.Found(withArticles);
        }
        String plain = String.join(" ", text.strip().toLowerCase(Locale.ROOT).split("\\s+"));
        return plain.isEmpty() ? new Extracted.Missing("a blank answer") : new Extracted.Found(plain);
    }

    /** SQuAD token F1 of two normalized answers: the harmonic mean of token precision and recall (multisets). */
    public static double f1(String answer, String reference) {
        List<String> predicted = List.of(answer.split(" "));
        List<String> gold = List.of(reference.split(" "));
        Map<String, Integer> remaining = new HashMap<>();
        gold.forEach(token -> remaining.merge(token, 1, Integer::sum));
        int common = 0;
        for (String token : predicted) {
            Integer left = remaining.get(token);
            if (left != null && left > 0) {
                remaining.put(token, left - 1);
                common++;
            }
        }
        if (common == 0) {
            return 0.0;
        }
        double precision = (double) common / predicted.size();
        double recall = (double) common / gold.size();
        return common == predicted.size() && common == gold.size() ? 1.0
                : 2 * precision * recall / (precision + recall);
    }

    /** The normalized tokens: lower case, punctuation dropped, split on white space, articles left out if asked. */
    private static List<String> tokens(String text, boolean dropArticles) {
        String lower = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isWhitespace(c)) {
                add(tokens, token, dropArticles);
            } else if (!isPunctuation(c) || keptInNumber(lower, i, token)) {
                token.append(NumberScanner.isMinus(c) ? '-' : c);
            }
        }
        add(tokens, token, dropArticles);
        return tokens;
    }

    private static void add(List<String> tokens, StringBuilder token, boolean dropArticles) {
        if (!token.isEmpty() && !(dropArticles && ARTICLES.contains(token.toString()))) {
            tokens.add(token.toString());
        }
        token.setLength(0);
    }

    /** A decimal point between digits, or a minus sign opening a token before a digit. */
    private static boolean keptInNumber(String text, int i, StringBuilder token) {
        boolean digitAfter = i + 1 < text.length() && NumberScanner.isDigit(text.charAt(i + 1));
        return switch (text.charAt(i)) {
            case '.' -> digitAfter && i > 0 && NumberScanner.isDigit(text.charAt(i - 1));
            case '-', '\u2212' -> digitAfter && token.isEmpty();
            default -> false;
        };
    }

    private static boolean isPunctuation(char c) {
        if (c < 128) {
            return ASCII_PUNCTUATION.indexOf(c) >= 0;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
