package io.evalstream.grader.judging;

/**
 * The automatic judge's mappings from raw measures to the rubric's 1-10 scores and the age group. Pure step and
 * linear functions; the README explains each breakpoint.
 */
public final class StoryScales {

    /** Upper bounds of grammar errors per 100 words for the scores 10, 9, ..., 2; above the last: 1. */
    private static final double[] GRAMMAR_ERRORS = {0.5, 1.5, 2.5, 4, 6, 8, 11, 15, 20};
    /** Cosine similarity at which consistency starts to rise above 1, and at which it reaches 10. */
    static final double UNRELATED_SIMILARITY = 0.15;
    static final double ON_TOPIC_SIMILARITY = 0.55;
    /** Distinct-bigram ratio of a text that loops (at or below: no creativity) and of freely varied text. */
    static final double LOOPING_BIGRAMS = 0.5;
    static final double VARIED_BIGRAMS = 0.9;
    /** Share of new content words of a continuation that parrots the beginning, and of one that brings its own. */
    static final double PARROTING_NOVELTY = 0.2;
    static final double INVENTIVE_NOVELTY = 0.7;
    /** Least words for each score cap 1, 3, 5, 8 and 10 (no cap): too short a text cannot show any quality. */
    private static final int[] EVIDENCE_WORDS = {0, 2, 5, 10, 20};
    private static final double[] EVIDENCE_CAPS = {1, 3, 5, 8, 10};
    /** Upper bounds (exclusive) of the Flesch-Kincaid grade for age groups A-E; at or above the last: F. */
    private static final double[] AGE_GRADES = {-1, 1, 3, 5, 8};

    private StoryScales() {
    }

    /** 10 for (almost) no errors, one point less per step of {@link #GRAMMAR_ERRORS}, 1 above 20 per 100 words. */
    public static double grammar(double errorsPer100Words) {
        for (int i = 0; i < GRAMMAR_ERRORS.length; i++) {
            if (errorsPer100Words <= GRAMMAR_ERRORS[i]) {
                return 10 - i;
            }
        }
        return 1;
    }

    /** Linear from 1 at {@link #UNRELATED_SIMILARITY} to 10 at {@link #ON_TOPIC_SIMILARITY}, clamped. */
    public static double consistency(double similarity) {
        return oneToTen(unit(similarity, UNRELATED_SIMILARITY, ON_TOPIC_SIMILARITY));
    }

    /**
     * {@code 1 + 9 * diversity * (0.4 + 0.6 * novelty)} with both scaled to [0, 1]: repetition gates the score (a
     * loop of new words is still a loop), novelty moves it within (a varied retelling of the beginning gets 4.6).
     */
    public static double creativity(double novelty, double distinctBigrams) {
        double diversity = unit(distinctBigrams, LOOPING_BIGRAMS, VARIED_BIGRAMS);
        double fresh = unit(novelty, PARROTING_NOVELTY, INVENTIVE_NOVELTY);
        return oneToTen(diversity * (0.4 + 0.6 * fresh));
    }

    /** The highest score a text of {@code words} words can earn on any dimension. */
    public static double evidenceCap(int words) {
        double cap = EVIDENCE_CAPS[0];
        for (int i = 0; i < EVIDENCE_WORDS.length; i++) {
            if (words >= EVIDENCE_WORDS[i]) {
                cap = EVIDENCE_CAPS[i];
            }
        }
        return cap;
    }

    /** The age group whose US school grade (age minus about 5.5) the readability grade matches. */
    public static AgeGroup ageGroup(double fleschKincaidGrade) {
        for (int i = 0; i < AGE_GRADES.length; i++) {
            if (fleschKincaidGrade < AGE_GRADES[i]) {
                return AgeGroup.values()[i];
            }
        }
        return AgeGroup.F;
    }

    /** Rounded to one decimal: finer than any judge can tell. */
    static double round(double score) {
        return Math.round(score * 10) / 10.0;
    }

    private static double unit(double value, double low, double high) {
        return Math.clamp((value - low) / (high - low), 0.0, 1.0);
    }

    private static double oneToTen(double unit) {
        return round(1 + 9 * unit);
    }
}
