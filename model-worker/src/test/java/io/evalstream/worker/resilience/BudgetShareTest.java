package io.evalstream.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class BudgetShareTest {

    @ParameterizedTest(name = "{0}/min, {1} of {2} partitions: {3}")
    @CsvSource(textBlock = """
            600,        6, 6, 600
            600,        2, 6, 200
            600,        1, 6, 100
            600,        0, 6, 1
            100,        1, 6, 16
            100,        5, 6, 83
            1,          3, 6, 1
            90000,      1, 4, 22500
            9000000000, 3, 6, 4500000000
            """)
    void eachReplicaTakesItsShareOfThePartitionsRoundedDownButNeverNothing(long global, int owned, int total,
            long share) {
        assertThat(BudgetShare.of(global, new WorkShare.Share(owned, total))).isEqualTo(share);
    }

    /** However the partitions are spread, the replicas' shares add up to at most the budget (when all own some). */
    @ParameterizedTest(name = "{0}/min over {1}")
    @CsvSource(delimiter = '|', textBlock = """
            600 | 6
            600 | 3 2 1
            100 | 1 1 1 1 1 1
            7   | 4 1 1
            59  | 2 2 2
            """)
    void sharesOfAllReplicasNeverExceedTheBudget(long global, String owned) {
        long sum = java.util.Arrays.stream(owned.split(" ")).mapToInt(Integer::parseInt)
                .mapToLong(partitions -> BudgetShare.of(global, new WorkShare.Share(partitions, 6))).sum();
        assertThat(sum).isLessThanOrEqualTo(global);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            0
            -5
            """)
    void rejectsBudgetsBelowOne(long global) {
        assertThatThrownBy(() -> BudgetShare.of(global, WorkShare.Share.WHOLE))
                .hasMessageContaining("per-minute budget must be at least 1");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(textBlock = """
            -1, 6
            7,  6
            0,  0
            """)
    void aShareIsSomeOfAtLeastOnePartition(int owned, int total) {
        assertThatThrownBy(() -> new WorkShare.Share(owned, total)).hasMessageContaining("a share is 0..total");
    }

    @ParameterizedTest(name = "burst of {0}/min with largest take {1} = {2}")
    @CsvSource(textBlock = """
            600,    1,    10
            30,     1,    1
            6000,   512,  512
            100000, 512,  1666
            300,    1000, 300
            """)
    void burstIsOneSecondsWorthButFitsTheLargestTake(long perMinute, long largest, long burst) {
        assertThat(BudgetShare.burst(perMinute, largest)).isEqualTo(burst);
    }
}
