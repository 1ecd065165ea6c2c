package io.evalstream.grader.judging;

import java.util.Set;

/** English function words: they carry no content, so they count neither as new nor as repeated ideas. */
final class StopWords {

    private static final Set<String> WORDS = Set.of("a", "about", "after", "again", "all", "also", "am", "an", "and",
            "any", "are", "as", "at", "be", "because", "been", "before", "but", "by", "can", "could", "did", "do",
            "does", "don't", "down", "for", "from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i",
            "if", "in", "into", "is", "it", "it's", "its", "just", "me", "my", "no", "not", "now", "of", "off", "on",
            "one", "or", "our", "out", "over", "said", "saw", "she", "so", "some", "than", "that", "the", "their",
            "them", "then", "there", "they", "this", "to", "too", "up", "us", "very", "was", "we", "were", "what",
            "when", "where", "which", "who", "will", "with", "would", "you", "your");

    private StopWords() {
    }

    static boolean contains(String lowerCaseWord) {
        return WORDS.contains(lowerCaseWord);
    }
}
