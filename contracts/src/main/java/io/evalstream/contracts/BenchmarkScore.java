package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.Optional;

/**
 * The aggregator's snapshot of one (run, model, benchmark) cell (metrics topic, key = {@link ScoreKey}).
 * Accuracy counts errors and unanswered samples as not correct; it and its Wilson interval are absent until the
 * first grade arrives. (The grading progress is {@code grading}: a part named {@code progress} would clash with its
 * {@code progress} field once unwrapped.) Its parts are values ({@link ScoreEstimates}, {@link Progress}, {@link CallStats}...); on the
 * wire they are unwrapped into the flat object this record always had, field for field, so readers see no change
 * (the fields come in the order of the parts: a JSON object's order means nothing).
 */
public record BenchmarkScore(int schemaVersion, @JsonUnwrapped CellId cell, @JsonUnwrapped VerdictCounts counts,
        @JsonUnwrapped ScoreEstimates estimates, @JsonUnwrapped Progress grading, Instant updatedAt,
        @JsonUnwrapped CallStats calls, @JsonUnwrapped ScoreDetail detail) {

    public BenchmarkScore {
        Require.supportedVersion(schemaVersion);
        Require.present(cell, "runId");
        Require.present(updatedAt, "updatedAt");
        counts = counts == null ? VerdictCounts.NONE : counts;
        estimates = estimates == null ? ScoreEstimates.NONE : estimates;
        grading = Require.present(grading, "graded");
        calls = calls == null ? CallStats.NONE : calls;
        detail = detail == null ? ScoreDetail.NONE : detail;
    }

    /** The named scorer's result; empty when the cell has no such scorer or only its default one. */
    public Optional<ScorerScore> scorer(String name) {
        return detail.scorers() == null ? Optional.empty()
                : detail.scorers().stream().filter(each -> each.scorer().equals(name)).findFirst();
    }

    public ScoreKey key() {
        return cell.key();
    }

    public long graded() {
        return grading.graded();
    }

    public Estimate accuracy() {
        return estimates.accuracy();
    }

    public Estimate meanScore() {
        return estimates.meanScore();
    }
}
