package io.evalstream.grader.judging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lexical statistics of a text: its words (lower case), sentences and syllables, and the ratios the automatic judge
 * derives from them.
 *
 * @param words     the words in order, lower case ({@code Locale.ROOT}); "didn't" is one word
 * @param sentences sentences ended by {@code . ! ?} or by the end of the text; 0 when there are no words
 * @param syllables syllables of all words, by the usual English vowel-group heuristic
 */
public record TextStatistics(List<String> words, int sentences, int syllables) {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+");
    private static final Pattern VOWELS = Pattern.compile("[aeiouy]{1,2}");
    /** Silent endings: "made", "jumped", "places" (but not "table", "played" counts once anyway). */
    private static final Pattern SILENT_ENDING = Pattern.compile("(?:[^laeiouy]es|ed|[^laeiouy]e)$");
    /**
     * Run-on sentences (a model that never writes a full stop) say nothing about an older writer, so words per
     * sentence are capped here for the readability grade: 20 is a long sentence in any children's book.
     */
    static final double MAX_WORDS_PER_SENTENCE = 20.0;

    public TextStatistics {
        words = List.copyOf(words);
    }

    public static TextStatistics of(String text) {
        List<String> words = words(text);
        int sentences = 0;
        for (String part : SENTENCE_END.split(text, -1)) {
            if (WORD.matcher(part).find()) {
                sentences++;
            }
        }
        int syllables = words.stream().mapToInt(TextStatistics::syllables).sum();
        return new TextStatistics(words, sentences, syllables);
    }

    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group().toLowerCase(Locale.ROOT).replace('’', '\''));
        }
        return words;
    }

    /** Syllables of one word: vowel groups after dropping a silent ending; at least 1. */
    static int syllables(String word) {
        String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (w.length() <= 3) {
            return 1;
        }
        w = SILENT_ENDING.matcher(w).replaceFirst("");
        w = w.startsWith("y") ? w.substring(1) : w;
        Matcher vowels = VOWELS.matcher(w);
        int count = 0;
        while (vowels.find()) {
            count++;
        }
        return Math.max(1, count);
    }

    /**
     * Flesch-Kincaid grade level, 0.39 words/sentence + 11.8 syllables/word - 15.59, with words per sentence
     * capped at {@link #MAX_WORDS_PER_SENTENCE}; 0 for a text without words.
     */
    public double fleschKincaidGrade() {
        if (words.isEmpty()) {
            return 0.0;
        }
        double wordsPerSentence = Math.min(MAX_WORDS_PER_SENTENCE, (double) words.size() / Math.max(1, sentences));
        return 0.39 * wordsPerSentence + 11.8 * syllables / words.size() - 15.59;
    }

    /** Distinct word bigrams over all bigrams: near 1 for varied text, low for loops; 0 with fewer than 2 words. */
    public double distinctBigrams() {
        if (words.size() < 2) {
            return 0.0;
        }
        Set<String> distinct = new HashSet<>();
        for (int i = 1; i < words.size(); i++) {
            distinct.add(words.get(i - 1) + ' ' + words.get(i));
        }
        return (double) distinct.size() / (words.size() - 1);
    }

    /** Distinct words over words; 0 for no words. */
    public double typeTokenRatio() {
        return words.isEmpty() ? 0.0 : (double) new HashSet<>(words).size() / words.size();
    }

    /**
     * The share of this text's content words (not {@link StopWords}) that do not occur in {@code earlier}: what the
     * text brings that the beginning did not have. 0 when it has no content words.
     */
    public double novelty(List<String> earlier) {
        Set<String> known = new HashSet<>(earlier);
        long content = 0;
        long fresh = 0;
        for (String word : words) {
            if (!StopWords.contains(word)) {
                content++;
                fresh += known.contains(word) ? 0 : 1;
            }
        }
        return content == 0 ? 0.0 : (double) fresh / content;
    }
}
