package io.evalstream.contracts;

/**
 * Grades of a set by verdict (MEASURED ones, scored by likelihood, are counted only in its {@code graded}).
 *
 * @param noAnswer grades with no answer found in the completion
 * @param errors   ERROR grades: the model call, or what grades it, failed
 * @param judged   grades scored by a judge on a rubric (neither right nor wrong)
 */
public record VerdictCounts(long correct, long incorrect, long noAnswer, long errors, long judged) {

    public static final VerdictCounts NONE = new VerdictCounts(0, 0, 0, 0, 0);

    public VerdictCounts {
        Require.atLeast(correct, 0, "correct");
        Require.atLeast(incorrect, 0, "incorrect");
        Require.atLeast(noAnswer, 0, "noAnswer");
        Require.atLeast(errors, 0, "errors");
        Require.atLeast(judged, 0, "judged");
    }

    public VerdictCounts plus(VerdictCounts other) {
        return new VerdictCounts(correct + other.correct, incorrect + other.incorrect, noAnswer + other.noAnswer,
                errors + other.errors, judged + other.judged);
    }
}
