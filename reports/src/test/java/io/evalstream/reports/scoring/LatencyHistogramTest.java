package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.contracts.LatencySummary;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LatencyHistogramTest {

    @ParameterizedTest(name = "{0} ms lands in bucket {1}")
    @CsvSource(textBlock = """
            0,         0
            1,         0
            2,         8
            3,         12
            1000,      79
            1024,      80
            999999999, 191
            """)
    void latenciesLandInLogSpacedBuckets(long millis, int bucket) {
        assertThat(LatencyHistogram.bucketOf(millis)).isEqualTo(bucket);
    }

    /** Exact nearest-rank percentiles of each distribution, against the histogram's estimate (buckets are ~9% wide). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            uniform 1..1000 ms,   1,   1000, 1
            uniform 100..200 ms,  100, 200,  1
            every 7th of 5..5000, 5,   5000, 7
            """)
    void percentilesAreWithinFivePercentOfTheExactOnes(String name, long from, long to, long step) {
        long[] latencies = LongStream.rangeClosed(from, to).filter(value -> (value - from) % step == 0).toArray();
        LatencyHistogram histogram = LatencyHistogram.EMPTY;
        for (long latency : latencies) {
            histogram = histogram.add(latency);
        }

        LatencySummary summary = histogram.summary();

        assertThat(summary.samples()).isEqualTo(latencies.length);
        assertThat(summary.p50Millis()).isCloseTo(exact(latencies, 0.50), within(0.05 * exact(latencies, 0.50)));
        assertThat(summary.p95Millis()).isCloseTo(exact(latencies, 0.95), within(0.05 * exact(latencies, 0.95)));
        assertThat(summary.p99Millis()).isCloseTo(exact(latencies, 0.99), within(0.05 * exact(latencies, 0.99)));
    }

    @Test
    void removingWhatWasAddedGivesTheHistogramBackAndAnEmptyOneHasNoSummary() {
        LatencyHistogram before = LatencyHistogram.EMPTY.add(40).add(41).add(900);

        LatencyHistogram after = before.add(5000).remove(5000);

        assertThat(after).isEqualTo(before);
        assertThat(before.remove(40).remove(41).remove(900)).isEqualTo(LatencyHistogram.EMPTY);
        assertThat(LatencyHistogram.EMPTY.summary()).isNull();
        assertThat(LatencyHistogram.EMPTY.remove(12)).isEqualTo(LatencyHistogram.EMPTY);
    }

    @Test
    void twoHistogramsAddUpToTheHistogramOfAllTheirLatencies() {
        LatencyHistogram a = LatencyHistogram.EMPTY.add(10).add(20);
        LatencyHistogram b = LatencyHistogram.EMPTY.add(20).add(3000);

        assertThat(a.plus(b)).isEqualTo(LatencyHistogram.EMPTY.add(10).add(20).add(20).add(3000));
        assertThat(a.plus(b).count()).isEqualTo(4);
    }

    private static double exact(long[] values, double q) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(q * sorted.length) - 1];
    }
}
