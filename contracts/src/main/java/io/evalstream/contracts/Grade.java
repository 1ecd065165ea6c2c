package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The grader's verdict on one completion (grades topic, key = taskId).
 *
 * @param score     the metric's score in [0, 1]: 1 for CORRECT; for partial-credit metrics (token F1) an
 *                  INCORRECT answer may score between 0 and 1; 0 for NO_ANSWER and ERROR
 * @param extracted the answer found in the completion; null when none was found or the call failed
 * @param subset    the item's subset (an MMLU subject), copied from the task; null for none
 * @param grader    extraction, metric and version, e.g. {@code numeric/numeric_equal@1}
 * @param errorKind why the model call (or its judge's) failed, when verdict is ERROR
 * @param judgement the judge's scores; present exactly when verdict is JUDGED
 * @param detail    why, in words, when the verdict needs explaining (the failing assertion of a program, a
 *                  judge reply that could not be read); null otherwise
 * @param likelihood for a task scored by likelihood, its nats, bytes and tokens (and acc_norm); null otherwise
 * @param spend     what the graded answer's model call cost (copied from its completion); null, and left out of the
 *                  JSON, when the completion carried none
 * @param scores    every scorer's verdict, the headline (whose verdict, score and extracted answer are this grade's
 *                  own) first; null when the task has only its default scorer, see {@link #scorerVerdicts()}
 * @param scorersFingerprint {@link Scorer#fingerprint} of the scorers that made {@code scores} (the definition it
 *                  was graded by, beside the grader version in {@code grader}); null exactly when scores is null
 */
public record Grade(int schemaVersion, TaskId taskId, Verdict verdict, double score, String extracted,
        String reference, Category category, Subset subset, String grader, String settingsHash, long latencyMillis,
        boolean simulated, ErrorKind errorKind, Instant gradedAt, Judgement judgement, String detail,
        String prompt, String completion, TokenUsage usage, LikelihoodScore likelihood,
        @JsonInclude(JsonInclude.Include.NON_NULL) Spend spend, List<ScorerVerdict> scores, String scorersFingerprint) {

    public Grade {
        Require.supportedVersion(schemaVersion);
        Require.present(taskId, "taskId");
        Require.present(verdict, "verdict");
        Require.between(score, 0.0, 1.0, "score");
        if (verdict == Verdict.CORRECT && score != 1.0) {
            throw new InvalidRecordException("field 'score' must be 1 for a CORRECT verdict, got " + score);
        }
        if ((verdict == Verdict.NO_ANSWER || verdict == Verdict.ERROR) && score != 0.0) {
            throw new InvalidRecordException("field 'score' must be 0 for a " + verdict + " verdict, got " + score);
        }
        Require.present(category, "category");
        Require.nonBlank(grader, "grader");
        Require.nonBlank(settingsHash, "settingsHash");
        Require.atLeast(latencyMillis, 0, "latencyMillis");
        if (verdict == Verdict.ERROR) {
            Require.present(errorKind, "errorKind");
        }
        Require.present(gradedAt, "gradedAt");
        if ((verdict == Verdict.JUDGED) != (judgement != null)) {
            throw new InvalidRecordException("field 'judgement' must be given exactly when 'verdict' is JUDGED"
                    + " (verdict is " + verdict + ")");
        }
        if (verdict == Verdict.MEASURED && likelihood == null) {
            throw new InvalidRecordException("field 'likelihood' must be given when 'verdict' is MEASURED");
        }
        scores = scores == null ? null : checkedScores(scores, verdict, score);
        if ((scores == null) != (scorersFingerprint == null)) {
            throw new InvalidRecordException("field 'scorersFingerprint' must be given exactly when 'scores' is");
        }
    }

    /** A grade by a task's one scorer that records no spend. */
    public Grade(int schemaVersion, TaskId taskId, Verdict verdict, double score, String extracted,
            String reference, Category category, Subset subset, String grader, String settingsHash, long latencyMillis,
            boolean simulated, ErrorKind errorKind, Instant gradedAt, Judgement judgement, String detail,
            String prompt, String completion, TokenUsage usage, LikelihoodScore likelihood) {
        this(schemaVersion, taskId, verdict, score, extracted, reference, category, subset, grader, settingsHash,
                latencyMillis, simulated, errorKind, gradedAt, judgement, detail, prompt, completion, usage,
                likelihood, null, null, null);
    }

    /** A grade of a task not scored by likelihood. */
    public Grade(int schemaVersion, TaskId taskId, Verdict verdict, double score, String extracted,
            String reference, Category category, Subset subset, String grader, String settingsHash, long latencyMillis,
            boolean simulated, ErrorKind errorKind, Instant gradedAt, Judgement judgement, String detail,
            String prompt, String completion, TokenUsage usage) {
        this(schemaVersion, taskId, verdict, score, extracted, reference, category, subset, grader, settingsHash,
                latencyMillis, simulated, errorKind, gradedAt, judgement, detail, prompt, completion, usage, null);
    }

    /** A grade that does not record its prompt, completion and usage. */
    public Grade(int schemaVersion, TaskId taskId, Verdict verdict, double score, String extracted, String reference,
            Category category, Subset subset, String grader, String settingsHash, long latencyMillis,
            boolean simulated, ErrorKind errorKind, Instant gradedAt, Judgement judgement, String detail) {
        this(schemaVersion, taskId, verdict, score, extracted, reference, category, subset, grader, settingsHash,
                latencyMillis, simulated, errorKind, gradedAt, judgement, detail, null, null, null);
    }

    /** A grade with no judgement and no detail. */
    public Grade(int schemaVersion, TaskId taskId, Verdict verdict, double score, String extracted, String reference,
            Category category, Subset subset, String grader, String settingsHash, long latencyMillis,
            boolean simulated, ErrorKind errorKind, Instant gradedAt) {
        this(schemaVersion, taskId, verdict, score, extracted, reference, category, subset, grader, settingsHash,
                latencyMillis, simulated, errorKind, gradedAt, null, null);
    }

    /** A grade of an item outside any subset. */
    public Grade(int schemaVersion, TaskId taskId, Verdict verdict, double score, String extracted, String reference,
            Category category, String grader, String settingsHash, long latencyMillis, boolean simulated,
            ErrorKind errorKind, Instant gradedAt) {
        this(schemaVersion, taskId, verdict, score, extracted, reference, category, null, grader, settingsHash,
                latencyMillis, simulated, errorKind, gradedAt);
    }

    /** This grade recording the prompt, text, token usage and spend of the completion it grades. */
    public Grade recording(Completion graded) {
        return new Grade(schemaVersion, taskId, verdict, score, extracted, reference, category, subset, grader,
                settingsHash, latencyMillis, simulated, errorKind, gradedAt, judgement, detail, graded.task().prompt(),
                graded.text(), graded.usage(), likelihood, graded.spend(), scores, scorersFingerprint);
    }

    /** This grade with every scorer's verdict, the first this grade's own, made by {@code scorers}. */
    public Grade withScores(List<ScorerVerdict> verdicts, List<Scorer> scorers) {
        return new Grade(schemaVersion, taskId, verdict, score, extracted, reference, category, subset, grader,
                settingsHash, latencyMillis, simulated, errorKind, gradedAt, judgement, detail, prompt, completion,
                usage, likelihood, spend, verdicts, Scorer.fingerprint(scorers));
    }

    /** Every scorer's verdict, the headline first: the listed ones, or this grade's own as {@link Scorer#DEFAULT}. */
    public List<ScorerVerdict> scorerVerdicts() {
        return scores != null ? scores : List.of(new ScorerVerdict(Scorer.DEFAULT, verdict, score, extracted));
    }

    private static List<ScorerVerdict> checkedScores(List<ScorerVerdict> scores, Verdict verdict, double score) {
        Require.nonEmpty(scores, "scores");
        if (scores.size() > Scorer.MAX_PER_BENCHMARK) {
            throw new InvalidRecordException("field 'scores' holds " + scores.size() + " verdicts; at most "
                    + Scorer.MAX_PER_BENCHMARK + " are allowed");
        }
        ScorerVerdict headline = Require.present(scores.get(0), "scores[0]");
        if (headline.verdict() != verdict || headline.score() != score) {
            throw new InvalidRecordException("field 'scores[0]' is the headline and must repeat the grade's verdict"
                    + " and score (" + verdict + ", " + score + "), got " + headline.verdict() + ", "
                    + headline.score());
        }
        return List.copyOf(scores);
    }
}
