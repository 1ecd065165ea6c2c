package io.evalstream.contracts;

/**
 * Who grades an open-ended answer and on which rubric. Recorded on the task (and hashed into its settings
 * hash), because a score from one judge is not comparable with a score from another.
 *
 * @param rubric the rubric's id, e.g. {@code tinystories} (grammar, creativity, consistency, age group)
 * @param judge  the model id of the judge model (it must be served by a worker), or {@link #AUTO} for the
 *               grader's built-in offline judge that needs no model server
 */
public record Judging(String rubric, String judge) {

    /** The grader's built-in judge: grammar checker, sentence embeddings and lexical statistics. */
    public static final String AUTO = "auto";

    public Judging {
        Require.id(rubric, "judging.rubric");
        Require.id(judge, "judging.judge");
    }

    public boolean automatic() {
        return AUTO.equals(judge);
    }
}
