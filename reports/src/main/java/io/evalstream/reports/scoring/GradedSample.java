package io.evalstream.reports.scoring;

import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.Judgement;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.Spend;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.Texts;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Verdict;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the aggregator keeps of a grade: the cell it counts in, its verdict and score, and the labels the
 * cell reports. Kept instead of the whole grade so the latest-grade table and its changelog stay small.
 *
 * @param score       the grade's score in [0, 1] (partial for token F1, the normalized judge score when JUDGED)
 * @param subset      the item's subset (an MMLU subject and its group); null for none
 * @param judgeScores the judge's score (1-10) per rubric dimension, at most {@link #MAX_DIMENSIONS} (the first by
 *                    name); null unless the verdict is JUDGED, so unjudged samples cost nothing in the changelog
 * @param labels      the judge's categorical findings (e.g. age_group), at most {@link #MAX_LABELS}, values cut
 *                    to {@link #MAX_LABEL_LENGTH} characters; null when there are none
 * @param errorKind   why the model call failed, for ERROR grades; null otherwise
 * @param errorReason the ERROR grade's detail, cut to {@link CallStats#MAX_REASON} characters; null for other
 *                    grades, ERROR grades without one, and older state
 * @param latencyMillis the model call's latency; null in state written before it was kept
 * @param usage       the call's tokens; null when none were reported (or in older state)
 * @param gradedAtMillis when the grade was made (epoch ms), for the pace and ETA; null in older state
 * @param source      where the grade sits on the grades topic, so the per-sample export reads exactly the latest
 *                    record of each task; null in the tally (which does not need it) and in older state
 * @param likelihood  what a grade scored by likelihood adds to its cell's sums (see {@link LikelihoodSums}); null
 *                    for any other grade
 * @param spend       what the graded answer's call cost; null when its completion carried no spend (unknown)
 * @param scores      every scorer's verdict and score (without the extracted answer, which no tally needs), the
 *                    headline first; null for a grade of a task with only its default scorer, and in older state
 */
public record GradedSample(ScoreKey cell, Verdict verdict, double score, Category category, String settingsHash,
        Subset subset, Map<String, Double> judgeScores, Map<String, String> labels, ErrorKind errorKind,
        Long latencyMillis, TokenUsage usage, Long gradedAtMillis, SourcePosition source, String errorReason,
        LikelihoodSums likelihood, Spend spend, List<ScorerVerdict> scores) {

    /** Rubric dimensions kept per grade and counted per cell: a judge gone wrong cannot blow up the state. */
    public static final int MAX_DIMENSIONS = 16;
    public static final int MAX_LABELS = 16;
    public static final int MAX_LABEL_LENGTH = 64;

    public GradedSample {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(settingsHash, "settingsHash");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("a sample's score must be in [0, 1], got " + score);
        }
        judgeScores = judgeScores == null || judgeScores.isEmpty() ? null : first(judgeScores, MAX_DIMENSIONS);
        labels = labels == null || labels.isEmpty() ? null : first(labels, MAX_LABELS);
        usage = TokenUsage.NONE.equals(usage) ? null : usage;
        if (judgeScores != null && judgeScores.values().stream().anyMatch(value -> value == null
                || !(value >= Judgement.MIN_SCORE && value <= Judgement.MAX_SCORE))) {
            throw new IllegalArgumentException("judge scores must be in [1, 10], got " + judgeScores);
        }
        scores = scores == null || scores.isEmpty() ? null : List.copyOf(scores);
    }

    /** A sample of a task with only its default scorer, with no spend. */
    public GradedSample(ScoreKey cell, Verdict verdict, double score, Category category, String settingsHash,
            Subset subset, Map<String, Double> judgeScores, Map<String, String> labels, ErrorKind errorKind,
            Long latencyMillis, TokenUsage usage, Long gradedAtMillis, SourcePosition source, String errorReason,
            LikelihoodSums likelihood) {
        this(cell, verdict, score, category, settingsHash, subset, judgeScores, labels, errorKind, latencyMillis, usage,
                gradedAtMillis, source, errorReason, likelihood, null, null);
    }

    /** A sample not scored by likelihood. */
    public GradedSample(ScoreKey cell, Verdict verdict, double score, Category category, String settingsHash,
            Subset subset, Map<String, Double> judgeScores, Map<String, String> labels, ErrorKind errorKind,
            Long latencyMillis, TokenUsage usage, Long gradedAtMillis, SourcePosition source, String errorReason) {
        this(cell, verdict, score, category, settingsHash, subset, judgeScores, labels, errorKind, latencyMillis, usage,
                gradedAtMillis, source, errorReason, null);
    }

    /** A sample without call facts (latency, tokens, time, error kind) or position. */
    public GradedSample(ScoreKey cell, Verdict verdict, double score, Category category, String settingsHash,
            Subset subset, Map<String, Double> judgeScores, Map<String, String> labels) {
        this(cell, verdict, score, category, settingsHash, subset, judgeScores, labels, null, null, null, null, null,
                null);
    }

    /** A sample nothing judged. */
    public GradedSample(ScoreKey cell, Verdict verdict, double score, Category category, String settingsHash,
            Subset subset) {
        this(cell, verdict, score, category, settingsHash, subset, null, null);
    }

    /** @param source where the grade was read; null when not known */
    public static GradedSample of(Grade grade, SourcePosition source) {
        Judgement judgement = grade.evidence().judgement();
        GradeContext context = grade.context();
        CallFacts call = grade.call();
        boolean error = grade.verdict() == Verdict.ERROR;
        return new GradedSample(grade.taskId().scoreKey(), grade.verdict(), grade.marking().score(), context.category(),
                context.settingsHash(), context.subset(), judgement == null ? null : judgement.scores(),
                judgement == null ? null : shortValues(judgement.labels()), grade.evidence().errorKind(),
                call.latencyMillis(), call.usage(), context.gradedAt().toEpochMilli(), source,
                error ? Texts.abbreviate(grade.evidence().detail(), CallStats.MAX_REASON) : null,
                error ? null : LikelihoodSums.of(grade), call.spend(), scoresOf(grade));
    }

    private static List<ScorerVerdict> scoresOf(Grade grade) {
        return grade.scorers().scores() == null ? null : grade.scorers().scores().stream()
                .map(each -> new ScorerVerdict(each.scorer(), each.verdict(), each.score(), null)).toList();
    }

    /**
     * This sample as {@code scorer} graded it: its verdict and score in place of the headline's, for analyses per
     * scorer; empty when the grade has no verdict by that scorer. Null takes the headline, as the sample is.
     */
    public java.util.Optional<GradedSample> scoredBy(String scorer) {
        if (scorer == null) {
            return java.util.Optional.of(this);
        }
        return scoresOrEmpty().stream().filter(each -> each.scorer().equals(scorer)).findFirst()
                .map(each -> new GradedSample(cell, each.verdict(), each.score(), category, settingsHash, subset,
                        judgeScores, labels, errorKind, latencyMillis, usage, gradedAtMillis, source, errorReason,
                        likelihood, spend, scores));
    }

    /** Every scorer's verdict, the headline first; empty for a task with only its default scorer. */
    public List<ScorerVerdict> scoresOrEmpty() {
        return scores == null ? List.of() : scores;
    }

    public static GradedSample of(Grade grade) {
        return of(grade, null);
    }

    /** The judge scores, empty when not judged. */
    /**
     * An ERROR of the evaluation rather than of the model ({@link ErrorKind#countsAgainstTheModel()}): counted in its
     * run, left out of every score and comparison.
     */
    public boolean unscored() {
        return errorKind != null && !errorKind.countsAgainstTheModel();
    }

    public Map<String, Double> judgeScoresOrEmpty() {
        return judgeScores == null ? Map.of() : judgeScores;
    }

    /** The labels, empty when there are none. */
    public Map<String, String> labelsOrEmpty() {
        return labels == null ? Map.of() : labels;
    }

    /**
     * This sample without its subset, labels and position: all a cell's tally needs, so they are not shipped
     * through the repartition topic (subsets and labels are rolled up at request time from the latest-grade table).
     */
    public GradedSample forTally() {
        return subset == null && labels == null && source == null ? this
                : new GradedSample(cell, verdict, score, category, settingsHash, null, judgeScores, null, errorKind,
                        latencyMillis, usage, gradedAtMillis, null, errorReason, likelihood, spend, scores);
    }

    private static <V> SortedMap<String, V> first(Map<String, V> map, int limit) {
        TreeMap<String, V> sorted = new TreeMap<>(map);
        while (sorted.size() > limit) {
            sorted.pollLastEntry();
        }
        return Collections.unmodifiableSortedMap(sorted);
    }

    private static Map<String, String> shortValues(Map<String, String> labels) {
        TreeMap<String, String> cut = new TreeMap<>();
        labels.forEach((key, value) -> {
            if (value != null) {
                cut.put(key, value.length() <= MAX_LABEL_LENGTH ? value : value.substring(0, MAX_LABEL_LENGTH));
            }
        });
        return cut;
    }
}
