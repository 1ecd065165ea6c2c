package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class SoakSummaryTest {

    private static final long TOTAL = 1_000_000;

    /** 50 samples 10 s apart; {@code rate(i)} tasks/s, graded accumulated from it, the worker's RSS {@code rss(i)}. */
    private static List<SoakSummary.Sample> series(IntToDoubleFunction rate, IntToLongFunction workerRss) {
        List<SoakSummary.Sample> samples = new ArrayList<>();
        long graded = 0;
        for (int i = 0; i < 50; i++) {
            graded += (long) (rate.applyAsDouble(i) * 10);
            samples.add(new SoakSummary.Sample(10.0 * (i + 1), graded, rate.applyAsDouble(i),
                    Map.of("model-worker", workerRss.applyAsLong(i), "kafka-broker", 900L << 20)));
        }
        return samples;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            # name,                                      rate shape,  rss shape,      steady, flat
            constant rate and memory,                    flat,        flat,           true,   true
            memory grows during warm-up only,            flat,        warm-up-growth, true,   true
            memory leaks steadily,                       flat,        leak,           true,   false
            rate halves half way,                        step-down,   flat,           false,  true
            rate jitters by 10 percent,                  jitter,      flat,           true,   true
            slow ramp-up is left out with the warm-up,   ramp,        flat,           true,   true
            """)
    void steadinessAndFlatnessAreJudgedOnTheSteadyWindow(String name, String rateShape, String rssShape,
            boolean steady, boolean flat) {
        IntToDoubleFunction rate = switch (rateShape) {
            case "flat" -> i -> 2_000;
            case "step-down" -> i -> i < 25 ? 2_400 : 1_200;
            case "jitter" -> i -> i % 2 == 0 ? 2_200 : 1_800;
            case "ramp" -> i -> i < 8 ? 250.0 * (i + 1) : 2_000;
            default -> throw new IllegalArgumentException(rateShape);
        };
        IntToLongFunction rss = switch (rssShape) {
            case "flat" -> i -> 600L << 20;
            case "warm-up-growth" -> i -> i < 10 ? (300L + 30L * i) << 20 : 600L << 20;
            case "leak" -> i -> (500L + 10L * i) << 20;
            default -> throw new IllegalArgumentException(rssShape);
        };
        SoakSummary.Verdict verdict = SoakSummary.of(series(rate, rss), TOTAL);
        assertThat(verdict.throughputSteady()).as("cv %s", verdict.rateCv()).isEqualTo(steady);
        assertThat(verdict.rssFlat()).as("growth %s", verdict.rssGrowth()).isEqualTo(flat);
        assertThat(verdict.rssGrowth().get("kafka-broker")).isEqualTo(0.0);
    }

    @Test
    void theWarmUpTo20PercentAndTheTailAfter95PercentOfTheTasksAreLeftOut() {
        List<SoakSummary.Sample> samples = series(i -> 2_000, i -> 600L << 20);
        // 50 samples x 20,000 tasks: the 11th passes 200,000 (20%), the 48th passes 950,000 of 1,000,000.
        List<SoakSummary.Sample> steady = SoakSummary.steadyWindow(samples, TOTAL);
        assertThat(steady.getFirst().elapsedSeconds()).isEqualTo(110.0);
        assertThat(steady.getLast().graded()).isLessThanOrEqualTo(950_000);
        assertThat(steady).hasSize(37);
    }

    @Test
    void aMemoryLeakOf10MbPer10SecondsIsMeasuredFromTheFirstToTheLastSamplesOfTheWindow() {
        SoakSummary.Verdict verdict = SoakSummary.of(series(i -> 2_000, i -> (500L + 10L * i) << 20), TOTAL);
        // Window = samples 10..46: the first three mean 610 MB, the last three 950 MB.
        assertThat(verdict.rssGrowth().get("model-worker")).isCloseTo((950.0 - 610.0) / 610.0, within(1e-9));
        assertThat(verdict.rssGrowthBytes()).containsEntry("model-worker", 340L << 20).containsEntry("kafka-broker", 0L);
        assertThat(verdict.meanRate()).isEqualTo(2_000.0);
        assertThat(verdict.rateCv()).isZero();
    }

    @Test
    void tooShortASoakIsRefusedRatherThanJudged() {
        List<SoakSummary.Sample> samples = series(i -> 2_000, i -> 600L << 20).subList(0, 6);
        assertThatThrownBy(() -> SoakSummary.of(samples, TOTAL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("steady window");
    }

    @ParameterizedTest(name = "{0}: {1} MiB -> {2} MiB, flat {3}")
    @CsvSource(textBlock = """
            # name,                             start, end, flat
            unchanged,                          45,    45,  true
            smaller after the window,           60,    44,  true
            per-run state of a few dozen runs,  45,    52,  true
            just under the allowance,           45,    60,  true
            at the allowance,                   45,    61,  false
            a leak of 300 bytes per task,       45,    331, false
            """)
    void theLiveHeapMayGrowByLessThan16MiB(String name, long startMib, long endMib, boolean flat) {
        SoakSummary.HeapVerdict verdict = SoakSummary.heap(
                Map.of("aggregator", startMib << 20, "kafka-broker", 100L << 20),
                Map.of("aggregator", endMib << 20, "kafka-broker", 100L << 20));

        assertThat(verdict.flat()).isEqualTo(flat);
        assertThat(verdict.growthBytes()).containsEntry("aggregator", (endMib - startMib) << 20)
                .containsEntry("kafka-broker", 0L);
    }

    @Test
    void liveHeapsOfDifferentProcessesCannotBeCompared() {
        assertThatThrownBy(() -> SoakSummary.heap(Map.of("aggregator", 1L), Map.of("grader-service", 1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregator");
    }
}
