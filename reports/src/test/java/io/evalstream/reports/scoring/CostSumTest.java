package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.Cost;
import io.evalstream.contracts.Lane;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Spend;
import io.evalstream.contracts.Verdict;
import org.junit.jupiter.api.Test;

class CostSumTest {

    private static final ScoreKey CELL = new ScoreKey("run-1", "gpt", "gsm8k");

    private static GradedSample sample(Double usd) {
        return GradedSample.of(CELL, Verdict.CORRECT, 1.0, new CellLabels(Category.MATH, "h"))
                .withCall(SampleCall.took(10L, null).withSpend(usd == null ? null : new Spend(usd, Lane.STANDARD)))
                .withOrigin(new SampleOrigin(1L, null));
    }

    @Test
    void aReplacedAnswerMovesTheCellToItsNewCostExactlyAndARedeliveryNeverCountsTwice() {
        Tally tally = Tally.EMPTY;
        for (int i = 0; i < 1000; i++) {
            tally = tally.add(sample(0.000_123_456_7));
        }
        // The same grade re-delivered a thousand times: the latest-grade table subtracts what it replaces.
        for (int i = 0; i < 1000; i++) {
            tally = tally.subtract(sample(0.000_123_456_7)).add(sample(0.000_123_456_7));
        }
        assertThat(tally.calls().cost()).isEqualTo(new CostSum(123_457_000, 1000, 0));
        assertThat(tally.costFigure()).isEqualTo(new Cost(0.123457, 1000, 0));

        Tally replaced = tally.subtract(sample(0.000_123_456_7)).add(sample(0.5));
        // each answer is kept to the nano-dollar: 0.000123457 out, 0.5 in
        assertThat(replaced.calls().cost()).isEqualTo(new CostSum(623_333_543, 1000, 0));
    }

    @Test
    void tasksWithoutAPriceAreCountedApartAndNeverAsZero() {
        Tally unpriced = Tally.EMPTY.add(sample(null)).add(sample(null));
        assertThat(unpriced.costFigure()).isEqualTo(new Cost(null, 0, 2));

        Tally mixed = unpriced.add(sample(0.25));
        assertThat(mixed.costFigure()).isEqualTo(new Cost(0.25, 1, 2));
        assertThat(mixed.plus(Tally.EMPTY.add(sample(0.5))).costFigure()).isEqualTo(new Cost(0.75, 2, 2));
    }
}
