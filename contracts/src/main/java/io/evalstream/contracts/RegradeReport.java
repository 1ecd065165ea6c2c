package io.evalstream.contracts;

import java.util.List;
import java.util.Map;

/**
 * The grader's answer to {@code POST /runs/{id}/regrade} (here so that evalctl reads what the grader writes): what a
 * regrade did: how many of the run's completions it read and graded again, why it left others, what changed
 * per scorer, and which graded tasks have no completion left to grade (past the completions topic's retention).
 *
 * @param skipped       tasks not graded again, by reason (e.g. judged on a rubric: a judge would be asked again)
 * @param changes       per (model, benchmark, scorer) of the regraded tasks: verdict flips against the previous grade
 * @param pastRetention per (model, benchmark): tasks graded before whose completion the topic no longer holds
 */
public record RegradeReport(String runId, long read, long regraded, Map<String, Long> skipped,
        List<ScorerChange> changes, List<PastRetention> pastRetention) {

    /** At most this many task ids are listed as samples of a change or a loss. */
    public static final int SAMPLES = 5;

    /**
     * @param graded  regraded tasks this scorer's verdict is on
     * @param flips   of those, tasks whose verdict differs from the previous grade's by the same scorer
     * @param added   of those, tasks whose previous grade had no verdict by this scorer (a scorer added since)
     * @param samples some of the flipped task ids
     */
    public record ScorerChange(String modelId, String benchmarkId, String scorer, long graded, long flips, long added,
            List<String> samples) {
    }

    /** @param samples some of the task ids whose completions are gone */
    public record PastRetention(String modelId, String benchmarkId, long tasks, List<String> samples) {
    }
}
