package io.evalstream.grader.judging;

import io.evalstream.contracts.Judgement;
import io.evalstream.contracts.Judging;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The automatic TinyStories judge: grammar from a grammar checker's errors per 100 words, consistency from the
 * embedding similarity of beginning and continuation, creativity from lexical novelty and diversity, and an age
 * group from readability ({@link StoryScales} maps each). The tools are passed in; the rest is arithmetic.
 */
public final class StoryJudge {

    /** Counts grammar and spelling errors in {@code text} as read after {@code before}; may block, thread-safe. */
    @FunctionalInterface
    public interface GrammarChecker {
        int errors(String before, String text);
    }

    /** A sentence embedding; thread-safe. */
    @FunctionalInterface
    public interface Embedder {
        float[] embed(String text);
    }

    private final GrammarChecker grammar;
    private final Embedder embedder;

    public StoryJudge(GrammarChecker grammar, Embedder embedder) {
        this.grammar = grammar;
        this.embedder = embedder;
    }

    /**
     * @param beginning    the story's beginning (the prompt the model continued)
     * @param continuation the model's text as generated (it continues the beginning directly)
     */
    public Judgement judge(String beginning, String continuation) {
        String text = continuation.strip();
        TextStatistics stats = TextStatistics.of(text);
        int words = stats.words().size();
        int errors = words == 0 ? 0 : grammar.errors(beginning, continuation);
        double errorsPer100 = words == 0 ? 0.0 : 100.0 * errors / words;
        double similarity = words == 0 ? 0.0 : cosine(embedder.embed(beginning), embedder.embed(text));
        double novelty = stats.novelty(TextStatistics.words(beginning));
        double bigrams = stats.distinctBigrams();
        double cap = StoryScales.evidenceCap(words);

        Map<String, Double> scores = Map.of(
                TinyStoriesRubric.GRAMMAR, Math.min(cap, StoryScales.grammar(errorsPer100)),
                TinyStoriesRubric.CREATIVITY, Math.min(cap, StoryScales.creativity(novelty, bigrams)),
                TinyStoriesRubric.CONSISTENCY, Math.min(cap, StoryScales.consistency(similarity)));
        AgeGroup age = words == 0 ? AgeGroup.A : StoryScales.ageGroup(stats.fleschKincaidGrade());
        Map<String, Double> measures = new LinkedHashMap<>();
        measures.put("words", (double) words);
        measures.put("sentences", (double) stats.sentences());
        measures.put("grammar_errors", (double) errors);
        measures.put("grammar_errors_per_100_words", rounded(errorsPer100));
        measures.put("embedding_similarity", rounded(similarity));
        measures.put("novelty", rounded(novelty));
        measures.put("distinct_bigrams", rounded(bigrams));
        measures.put("type_token_ratio", rounded(stats.typeTokenRatio()));
        measures.put("flesch_kincaid_grade", rounded(stats.fleschKincaidGrade()));
        return new Judgement(Judging.AUTO, TinyStoriesRubric.ID, scores, Map.of(AgeGroup.LABEL, age.label()),
                measures);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0.0 : dot / Math.sqrt(normA * normB);
    }

    private static double rounded(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
