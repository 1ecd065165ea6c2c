package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.Verdict;

/**
 * Verdict counts over the latest grade of every task of one cell (run, model, benchmark). Immutable:
 * {@link #add} and {@link #subtract} return new tallies, so a task whose grade is replaced moves from
 * its old verdict to its new one and a re-delivered grade never counts twice.
 *
 * @param category     category of the most recently added grade; null while nothing was added
 * @param settingsHash settings hash of the most recently added grade; null while nothing was added
 */
public record Tally(long graded, long correct, long incorrect, long noAnswer, long errors, Category category,
        String settingsHash) {

    public static final Tally EMPTY = new Tally(0, 0, 0, 0, 0, null, null);

    public Tally {
        if (correct < 0 || incorrect < 0 || noAnswer < 0 || errors < 0
                || graded != correct + incorrect + noAnswer + errors) {
            throw new IllegalArgumentException("verdict counts must be >= 0 and sum to graded: graded=" + graded
                    + " correct=" + correct + " incorrect=" + incorrect + " noAnswer=" + noAnswer + " errors=" + errors);
        }
    }

    public Tally add(GradedSample sample) {
        return change(sample.verdict(), 1, sample.category(), sample.settingsHash());
    }

    /**
     * Takes back a sample added before.
     *
     * @throws IllegalStateException when no sample with that verdict was counted, which would be a bug in
     *                               the caller: Kafka Streams only subtracts what it added
     */
    public Tally subtract(GradedSample sample) {
        if (count(sample.verdict()) == 0) {
            throw new IllegalStateException("cannot subtract a " + sample.verdict() + " grade from " + sample.cell()
                    + ": none is counted (" + this + "); the latest-grade table and the tally disagree");
        }
        return change(sample.verdict(), -1, category, settingsHash);
    }

    public long count(Verdict verdict) {
        return switch (verdict) {
            case CORRECT -> correct;
            case INCORRECT -> incorrect;
            case NO_ANSWER -> noAnswer;
            case ERROR -> errors;
        };
    }

    private Tally change(Verdict verdict, int delta, Category newCategory, String newHash) {
        long total = graded + delta;
        return switch (verdict) {
            case CORRECT -> new Tally(total, correct + delta, incorrect, noAnswer, errors, newCategory, newHash);
            case INCORRECT -> new Tally(total, correct, incorrect + delta, noAnswer, errors, newCategory, newHash);
            case NO_ANSWER -> new Tally(total, correct, incorrect, noAnswer + delta, errors, newCategory, newHash);
            case ERROR -> new Tally(total, correct, incorrect, noAnswer, errors + delta, newCategory, newHash);
        };
    }
}
