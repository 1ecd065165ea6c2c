package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/**
 * The grader's verdict on one completion (grades topic, key = taskId). Its parts are values; on the wire they are
 * unwrapped into the flat object a grade always was, field for field, so no reader changes (the fields come in the
 * order of the parts: a JSON object's order means nothing, and keeping the old one cost 2.5x the encoding time).
 * Grades with fewer parts come from {@link #of}.
 *
 * @param evidence why the verdict is what it is (error kind, judgement, detail, likelihood); {@link Evidence#NONE}
 *                 when the verdict says it all
 * @param exchange the prompt and completion graded, or where the completion sits; {@link Exchange#NONE} when the
 *                 grade records neither
 * @param scorers  every scorer's verdict, see {@link #scorerVerdicts()}; {@link ScorerVerdicts#NONE} when the task
 *                 has only its default scorer
 */
public record Grade(int schemaVersion, TaskId taskId, @JsonUnwrapped Marking marking,
        @JsonUnwrapped GradeContext context, @JsonUnwrapped CallFacts call, @JsonUnwrapped Evidence evidence,
        @JsonUnwrapped Exchange exchange, @JsonUnwrapped ScorerVerdicts scorers) {

    public Grade {
        Require.supportedVersion(schemaVersion);
        Require.present(taskId, "taskId");
        Require.present(marking, "verdict");
        Require.present(context, "category");
        Require.present(call, "latencyMillis");
        evidence = evidence == null ? Evidence.NONE : evidence;
        exchange = exchange == null ? Exchange.NONE : exchange;
        scorers = scorers == null ? ScorerVerdicts.NONE : scorers;
        Verdict verdict = marking.verdict();
        if (verdict == Verdict.ERROR) {
            Require.present(evidence.errorKind(), "errorKind");
        }
        if ((verdict == Verdict.JUDGED) != (evidence.judgement() != null)) {
            throw new InvalidRecordException("field 'judgement' must be given exactly when 'verdict' is JUDGED"
                    + " (verdict is " + verdict + ")");
        }
        if (verdict == Verdict.MEASURED && evidence.likelihood() == null) {
            throw new InvalidRecordException("field 'likelihood' must be given when 'verdict' is MEASURED");
        }
        ScorerVerdict headline = scorers.scores() == null ? null : scorers.scores().get(0);
        if (headline != null && (headline.verdict() != verdict || headline.score() != marking.score())) {
            throw new InvalidRecordException("field 'scores[0]' is the headline and must repeat the grade's verdict"
                    + " and score (" + verdict + ", " + marking.score() + "), got " + headline.verdict() + ", "
                    + headline.score());
        }
    }

    /**
     * Reads the flat wire form straight into the parts. Jackson reads {@code @JsonUnwrapped} parts by buffering every
     * token of the object first, which made a grade cost the aggregator 5.2 us to decode; named creator properties
     * are read in one pass.
     */
    @JsonCreator
    static Grade read(@JsonProperty("schemaVersion") int schemaVersion, @JsonProperty("taskId") TaskId taskId,
            @JsonProperty("verdict") Verdict verdict, @JsonProperty("score") double score,
            @JsonProperty("extracted") String extracted, @JsonProperty("reference") String reference,
            @JsonProperty("category") Category category, @JsonProperty("subset") Subset subset,
            @JsonProperty("grader") String grader, @JsonProperty("settingsHash") String settingsHash,
            @JsonProperty("gradedAt") Instant gradedAt, @JsonProperty("latencyMillis") long latencyMillis,
            @JsonProperty("simulated") boolean simulated, @JsonProperty("usage") TokenUsage usage,
            @JsonProperty("spend") Spend spend, @JsonProperty("errorKind") ErrorKind errorKind,
            @JsonProperty("judgement") Judgement judgement, @JsonProperty("detail") String detail,
            @JsonProperty("likelihood") LikelihoodScore likelihood, @JsonProperty("prompt") String prompt,
            @JsonProperty("completion") String completion, @JsonProperty("completionAt") SourcePosition completionAt,
            @JsonProperty("scores") List<ScorerVerdict> scores,
            @JsonProperty("scorersFingerprint") String scorersFingerprint) {
        return new Grade(schemaVersion, taskId, new Marking(verdict, score, extracted, reference),
                new GradeContext(category, subset, grader, settingsHash, gradedAt),
                new CallFacts(latencyMillis, simulated, usage, spend),
                new Evidence(errorKind, judgement, detail, likelihood), new Exchange(prompt, completion, completionAt),
                new ScorerVerdicts(scores, scorersFingerprint));
    }

    /** A grade by a task's one scorer that records no exchange. */
    public static Grade of(TaskId taskId, Marking marking, GradeContext context, CallFacts call, Evidence evidence) {
        return new Grade(SchemaVersion.CURRENT, taskId, marking, context, call, evidence, Exchange.NONE,
                ScorerVerdicts.NONE);
    }

    /** This grade recording the prompt, text, token usage and spend of the completion it grades. */
    public Grade recording(Completion graded) {
        return new Grade(schemaVersion, taskId, marking, context,
                new CallFacts(call.latencyMillis(), call.simulated(), graded.usage(), graded.spend()), evidence,
                Exchange.copied(graded.task().prompt(), graded.text()), scorers);
    }

    /**
     * This grade pointing at its completion's place on the completions topic instead of copying its prompt and
     * text: a grade then weighs a fraction of its completion, for the broker and for the aggregator, which decodes
     * every grade and never reads the text (the per-sample export reads it from there).
     */
    public Grade pointingAt(SourcePosition completionAt) {
        return new Grade(schemaVersion, taskId, marking, context, call, evidence, Exchange.at(completionAt), scorers);
    }

    /** This grade with every scorer's verdict, the first this grade's own, made by {@code scorers}. */
    public Grade withScores(List<ScorerVerdict> verdicts, List<Scorer> scorers) {
        return new Grade(schemaVersion, taskId, marking, context, call, evidence, exchange,
                ScorerVerdicts.of(verdicts, scorers));
    }

    /** Every scorer's verdict, the headline first: the listed ones, or this grade's own as {@link Scorer#DEFAULT}. */
    public List<ScorerVerdict> scorerVerdicts() {
        return scorers.scores() != null ? scorers.scores()
                : List.of(new ScorerVerdict(Scorer.DEFAULT, marking.verdict(), marking.score(), marking.extracted()));
    }

    public Verdict verdict() {
        return marking.verdict();
    }
}
