package io.evalstream.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class BudgetShareTest {

    @ParameterizedTest(name = "{0}/min over {1} replicas = {2} each")
    @CsvSource(textBlock = """
            600,     1, 600
            600,     3, 200
            1000,    3, 333
            10,      3, 3
            2,       3, 1
            1,       5, 1
            90000,   4, 22500
            9000000000, 2, 4500000000
            """)
    void eachReplicaTakesAnEqualShareRoundedDownButNeverNothing(long global, int replicas, long share) {
        assertThat(BudgetShare.perReplica(global, replicas)).isEqualTo(share);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(textBlock = """
            0,  1, per-minute budget must be at least 1
            -5, 1, per-minute budget must be at least 1
            60, 0, replicas must be at least 1
            """)
    void rejectsBudgetsAndReplicaCountsBelowOne(long global, int replicas, String complaint) {
        assertThatThrownBy(() -> BudgetShare.perReplica(global, replicas)).hasMessageContaining(complaint);
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
