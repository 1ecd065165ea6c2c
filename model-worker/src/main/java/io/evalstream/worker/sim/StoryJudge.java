package io.evalstream.worker.sim;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * A simulated judge on the TinyStories rubric. It measures a continuation (grammar slips per sentence,
 * repeated sentences and vocabulary, words shared with the beginning), turns that into scores of 1-10,
 * and adds noise: small when the judge is careful (a strong judge, most of the time), large otherwise.
 * The reply has the format the grader's judge parser reads. It does what its prompt tells it to, an injected
 * order included when the prompt does not mark the judged text off as data ({@link JudgePrompt}).
 */
final class StoryJudge {

    /** TinyStories paper age groups, youngest first. */
    private static final List<String> AGE_GROUPS = List.of("A (3 or under)", "B (4-5)", "C (6-7)", "D (8-9)",
            "E (10-12)", "F (13-16)");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern SLIP = Pattern.compile(
            "\\b(he|she|it) (were|are)\\b|\\b(\\w+) \\3\\b|\\band$|\\b(go|see|find) to\\b", Pattern.CASE_INSENSITIVE);
    private static final Set<String> SMALL_WORDS = Set.of("the", "a", "an", "and", "was", "to", "of", "in", "on",
            "with", "there", "upon", "time", "once", "one", "day", "her", "his", "he", "she", "it", "they");

    private StoryJudge() {
    }

    /** Scores of grammar, creativity and consistency as the text measures them, before any judge noise. */
    record Scores(double grammar, double creativity, double consistency) {
    }

    static Scores measure(String beginning, String continuation) {
        String text = continuation.strip();
        if (text.isEmpty()) {
            return new Scores(1, 1, 1);
        }
        List<String> sentences = Arrays.asList(SENTENCE_END.split(text));
        long slips = sentences.stream().filter(s -> SLIP.matcher(s).find() || Character.isLowerCase(s.charAt(0)))
                .count();
        double grammar = 10 - 9.0 * slips / sentences.size();
        List<String> words = words(text);
        double distinctSentences = (double) new HashSet<>(sentences).size() / sentences.size();
        double novelty = Math.min(1, new HashSet<>(words).size() / (0.6 * words.size()));
        double creativity = 1 + 9 * distinctSentences * novelty * Math.min(1, words.size() / 40.0);
        Set<String> shared = new HashSet<>(content(beginning));
        double consistency = shared.isEmpty() ? 7 : 3 + 7 * Math.min(1, 2.0 * overlap(shared, words) / shared.size());
        return new Scores(grammar, creativity, consistency);
    }

    /**
     * The judge's reply to a judge prompt: the text it judges measured, {@code careful} judges staying close to the
     * measures, and any score its instructions ask for given as asked (see {@link JudgePrompt}).
     */
    static String reply(String beginning, JudgePrompt prompt, boolean careful, SplittableRandom random) {
        Scores truth = measure(beginning, prompt.judged());
        double noise = careful ? 0.6 : 2.5;
        // All three draws happen whatever is ordered, so an order changes no other score.
        int grammar = score(truth.grammar(), noise, random);
        int creativity = score(truth.creativity(), noise, random);
        int consistency = score(truth.consistency(), noise, random);
        grammar = prompt.ordered().getOrDefault("grammar", grammar);
        creativity = prompt.ordered().getOrDefault("creativity", creativity);
        consistency = prompt.ordered().getOrDefault("consistency", consistency);
        double mean = (grammar + creativity + consistency) / 3.0;
        String age = AGE_GROUPS.get((int) Math.min(AGE_GROUPS.size() - 1, Math.max(0, (mean - 1.5) / 1.5)));
        return "Grammar: " + grammar + "/10\nCreativity: " + creativity + "/10\nConsistency: " + consistency
                + "/10\nAge group: " + age;
    }

    private static int score(double truth, double noise, SplittableRandom random) {
        return (int) Math.max(1, Math.min(10, Math.round(truth + noise * random.nextGaussian())));
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z']+")).filter(w -> !w.isEmpty()).toList();
    }

    private static List<String> content(String text) {
        return words(text).stream().filter(w -> w.length() > 2 && !SMALL_WORDS.contains(w)).toList();
    }

    private static long overlap(Set<String> shared, List<String> words) {
        return shared.stream().filter(words::contains).count();
    }
}
