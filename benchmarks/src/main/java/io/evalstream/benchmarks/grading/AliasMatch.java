package io.evalstream.benchmarks.grading;

import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * TriviaQA-style matching of a SQuAD-normalized answer against one normalized alias. A match is any of:
 * <ol>
 *   <li>the two are equal;</li>
 *   <li>the alias's tokens occur, in order and as whole tokens, in a short answer (at most three times the alias's
 *       tokens): "paris france" and "it is paris" name Paris, a long list of guesses does not, and neither does
 *       an answer that negates ("not paris");</li>
 *   <li>a spelling slip: Levenshtein similarity (1 - distance / longer length) of at least 0.9 between texts
 *       of 6 or more characters with no digits, so one slip is allowed from 10 characters, two from 20
 *       ("tchaikovski" is "tchaikovsky"). "parish" is not "paris" (similarity 0.83): a one-letter change in a
 *       short word is as likely another word as a typo. Numbers are never fuzzy: 1948 is not 1984.</li>
 * </ol>
 */
public final class AliasMatch {

    static final double MIN_SIMILARITY = 0.9;
    static final int MIN_FUZZY_LENGTH = 6;
    /** Longer texts are not compared fuzzily, which keeps the edit distance cheap whatever the model wrote. */
    static final int MAX_FUZZY_LENGTH = 1_000;
    private static final int MAX_ANSWER_TOKENS_PER_ALIAS_TOKEN = 3;
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "neither", "nor");

    private AliasMatch() {
    }

    /** 1 when the answer names the alias, else 0; both normalized by {@link SquadText#normalize}. */
    public static double score(String answer, String alias) {
        return answer.equals(alias) || containsAlias(answer, alias) || spellingSlip(answer, alias) ? 1.0 : 0.0;
    }

    private static boolean containsAlias(String answer, String alias) {
        String[] answerTokens = answer.split(" ");
        String[] aliasTokens = alias.split(" ");
        if (answerTokens.length > MAX_ANSWER_TOKENS_PER_ALIAS_TOKEN * aliasTokens.length) {
            return false;
        }
        for (String token : answerTokens) {
            if (NEGATIONS.contains(token) && !java.util.Arrays.asList(aliasTokens).contains(token)) {
                return false;
            }
        }
        for (int start = 0; start + aliasTokens.length <= answerTokens.length; start++) {
            if (java.util.Arrays.equals(answerTokens, start, start + aliasTokens.length, aliasTokens, 0,
                    aliasTokens.length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean spellingSlip(String answer, String alias) {
        int longer = Math.max(answer.length(), alias.length());
        if (longer < MIN_FUZZY_LENGTH || longer > MAX_FUZZY_LENGTH || hasDigit(answer) || hasDigit(alias)) {
            return false;
        }
        int allowed = (int) Math.floor((1 - MIN_SIMILARITY) * longer + 1e-9);
        if (allowed == 0) {
            return false;
        }
        int distance = new LevenshteinDistance(allowed).apply(answer, alias);
        return distance >= 0 && 1.0 - (double) distance / longer >= MIN_SIMILARITY - 1e-12;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
