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
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.Texts;
import io.evalstream.contracts.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the aggregator keeps of a grade: the cell it counts in, its verdict and score, and the labels the cell
 * reports. Kept instead of the whole grade so the latest-grade table and its changelog stay small. It is store
 * state and travels through repartition topics: the aggregator writes it as the one flat object it always was.
 *
 * @param score  the grade's score in [0, 1] (partial for token F1, the normalized judge score when JUDGED)
 * @param setup  the grade's category and settings hash, both present
 * @param subset the item's subset (an MMLU subject and its group); null for none
 * @param call   the model call's latency, tokens, spend and error
 * @param origin when the grade was made and where it was read
 * @param detail judge scores and labels, sums by likelihood, every scorer's verdict
 */
public record GradedSample(ScoreKey cell, Verdict verdict, double score, CellLabels setup, Subset subset,
        SampleCall call, SampleOrigin origin, SampleDetail detail) {

    /** Rubric dimensions kept per grade and counted per cell: a judge gone wrong cannot blow up the state. */
    public static final int MAX_DIMENSIONS = 16;
    public static final int MAX_LABELS = 16;
    public static final int MAX_LABEL_LENGTH = 64;

    public GradedSample {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(setup.category(), "category");
        Objects.requireNonNull(setup.settingsHash(), "settingsHash");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("a sample's score must be in [0, 1], got " + score);
        }
        call = call == null ? SampleCall.NONE : call;
        origin = origin == null ? SampleOrigin.NONE : origin;
        detail = detail == null ? SampleDetail.NONE : detail;
    }

    /** A sample with no subset, call facts, origin or detail: only its verdict and score in its cell. */
    public static GradedSample of(ScoreKey cell, Verdict verdict, double score, CellLabels setup) {
        return new GradedSample(cell, verdict, score, setup, null, SampleCall.NONE, SampleOrigin.NONE,
                SampleDetail.NONE);
    }

    /** @param source where the grade was read; null when not known */
    public static GradedSample of(Grade grade, SourcePosition source) {
        Judgement judgement = grade.evidence().judgement();
        GradeContext context = grade.context();
        CallFacts facts = grade.call();
        boolean error = grade.verdict() == Verdict.ERROR;
        SampleCall call = new SampleCall(facts.latencyMillis(), facts.usage(), facts.spend(),
                grade.evidence().errorKind(),
                error ? Texts.abbreviate(grade.evidence().detail(), CallStats.MAX_REASON) : null);
        SampleDetail detail = new SampleDetail(judgement == null ? null : judgement.scores(),
                judgement == null ? null : shortValues(judgement.labels()), error ? null : LikelihoodSums.of(grade),
                scoresOf(grade));
        return new GradedSample(grade.taskId().scoreKey(), grade.verdict(), grade.marking().score(),
                new CellLabels(context.category(), context.settingsHash()), context.subset(), call,
                new SampleOrigin(context.gradedAt().toEpochMilli(), source), detail);
    }

    public static GradedSample of(Grade grade) {
        return of(grade, null);
    }

    public GradedSample withSubset(Subset itemSubset) {
        return new GradedSample(cell, verdict, score, setup, itemSubset, call, origin, detail);
    }

    public GradedSample withCall(SampleCall modelCall) {
        return new GradedSample(cell, verdict, score, setup, subset, modelCall, origin, detail);
    }

    public GradedSample withOrigin(SampleOrigin where) {
        return new GradedSample(cell, verdict, score, setup, subset, call, where, detail);
    }

    public GradedSample withDetail(SampleDetail more) {
        return new GradedSample(cell, verdict, score, setup, subset, call, origin, more);
    }

    private static List<ScorerVerdict> scoresOf(Grade grade) {
        return grade.scorers().scores() == null ? null : grade.scorers().scores().stream()
                .map(each -> new ScorerVerdict(each.scorer(), each.verdict(), each.score(), null)).toList();
    }

    public Category category() {
        return setup.category();
    }

    public String settingsHash() {
        return setup.settingsHash();
    }

    /**
     * This sample as {@code scorer} graded it: its verdict and score in place of the headline's, for analyses per
     * scorer; empty when the grade has no verdict by that scorer. Null takes the headline, as the sample is.
     */
    public Optional<GradedSample> scoredBy(String scorer) {
        if (scorer == null) {
            return Optional.of(this);
        }
        return detail.scoresOrEmpty().stream().filter(each -> each.scorer().equals(scorer)).findFirst()
                .map(each -> new GradedSample(cell, each.verdict(), each.score(), setup, subset, call, origin,
                        detail));
    }

    /**
     * An ERROR of the evaluation rather than of the model ({@link ErrorKind#countsAgainstTheModel()}): counted in its
     * run, left out of every score and comparison.
     */
    public boolean unscored() {
        return call.errorKind() != null && !call.errorKind().countsAgainstTheModel();
    }

    /**
     * This sample without its subset, labels and position: all a cell's tally needs, so they are not shipped
     * through the repartition topic (subsets and labels are rolled up at request time from the latest-grade table).
     */
    public GradedSample forTally() {
        return subset == null && detail.labels() == null && origin.source() == null ? this
                : new GradedSample(cell, verdict, score, setup, null, call, origin.withoutSource(),
                        detail.withoutLabels());
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
