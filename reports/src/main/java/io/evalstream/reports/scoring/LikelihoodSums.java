package io.evalstream.reports.scoring;

import io.evalstream.contracts.CorpusLikelihood;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.LikelihoodScore;
import io.evalstream.contracts.Verdict;

/**
 * The sums behind a cell's figures by likelihood, kept exact under re-delivery like the tally's counts: the
 * log-probabilities are summed as whole nano-nats (a long), so adding a grade and taking it back leaves exactly what
 * was there, where a floating sum would drift. Bits per byte are {@code sum(nats) / sum(bytes)} over the corpus, as
 * lm-evaluation-harness's {@code bits_per_byte} aggregates ({@code weighted_perplexity}), not a mean of per-text
 * ratios.
 *
 * @param measured    MEASURED grades (texts whose log-probability counts)
 * @param normCorrect multiple-choice grades right by acc_norm
 * @param nanoNats    summed log-probability of the measured texts, in units of 1e-9 nats
 * @param bytes       their summed UTF-8 bytes
 * @param tokens      their summed tokens
 */
public record LikelihoodSums(long measured, long normCorrect, long nanoNats, long bytes, long tokens) {

    public static final LikelihoodSums EMPTY = new LikelihoodSums(0, 0, 0, 0, 0);
    private static final double NANO = 1e-9;

    public LikelihoodSums {
        if (measured < 0 || normCorrect < 0 || bytes < 0 || tokens < 0 || nanoNats > 0) {
            throw new IllegalArgumentException("likelihood sums must be counts >= 0 and nats <= 0, got measured="
                    + measured + " normCorrect=" + normCorrect + " nanoNats=" + nanoNats + " bytes=" + bytes
                    + " tokens=" + tokens);
        }
    }

    /** What one grade adds; null for a grade not scored by likelihood (or an ERROR one). */
    public static LikelihoodSums of(Grade grade) {
        LikelihoodScore score = grade.evidence().likelihood();
        if (score == null) {
            return null;
        }
        if (grade.verdict() == Verdict.MEASURED) {
            return new LikelihoodSums(1, 0, Math.round(score.nats() / NANO), score.bytes(), score.tokens());
        }
        return new LikelihoodSums(0, Boolean.TRUE.equals(score.normCorrect()) ? 1 : 0, 0, 0, 0);
    }

    /** These sums with {@code other} added ({@code delta} 1) or taken back ({@code delta} -1). */
    public LikelihoodSums move(LikelihoodSums other, int delta) {
        if (other == null) {
            return this;
        }
        return new LikelihoodSums(measured + delta * other.measured, normCorrect + delta * other.normCorrect,
                nanoNats + delta * other.nanoNats, bytes + delta * other.bytes, tokens + delta * other.tokens);
    }

    public LikelihoodSums plus(LikelihoodSums other) {
        return move(other, 1);
    }

    /**
     * The cell's figures; null when nothing in it was scored by likelihood.
     *
     * @param trials the grades accuracy is taken over (acc_norm's denominator too: an error counts as wrong)
     * @param byChoice whether the cell holds multiple-choice grades by likelihood (so acc_norm is reported)
     */
    public CorpusLikelihood figures(long trials, boolean byChoice) {
        if (measured == 0 && !byChoice) {
            return null;
        }
        double nats = nanoNats * NANO;
        return new CorpusLikelihood(byChoice && trials > 0 ? (double) normCorrect / trials : null,
                bytes == 0 ? null : -nats / Math.log(2) / bytes, tokens == 0 ? null : Math.exp(-nats / tokens),
                measured, nats, bytes, tokens);
    }
}
