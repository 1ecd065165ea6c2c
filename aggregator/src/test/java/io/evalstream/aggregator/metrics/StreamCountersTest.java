package io.evalstream.aggregator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.aggregator.streams.StreamCount;
import io.evalstream.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StreamCountersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamCounters counters = new StreamCounters(registry);

    /**
     * Readings of partition 0's grades-read count, one per tick ("-" = not readable here), and what the counter
     * shows after them.
     */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
            "counts what the store grew by since the first reading,       5 8 12,        7",
            "a store read ahead of an abort counts its redone records once, 0 10 7 10 11, 11",
            "a partition that leaves and comes back brings no history,       0 4 - 9 10,   5",
            "an instance that starts late does not count the history,       100 100,      0"})
    void theCounterGrowsByWhatTheStoreGrewAndNeverCountsARecordTwice(String name, String readings, double expected) {
        for (String reading : readings.split(" ")) {
            counters.observe(reading.equals("-") ? Map.of()
                    : Map.of(0, Map.of(StreamCount.GRADES_READ, Long.parseLong(reading))));
        }

        assertThat(registry.get("evalstream_grades_read").functionCounter().count()).isEqualTo(expected);
    }

    @Test
    void partitionsAddUpAndDeadLettersOfTheGradesTopicShowFromZero() {
        assertThat(registry.get("evalstream_dead_letters").tags("topic", Topics.GRADES).functionCounter().count())
                .isZero();
        Map<Integer, Map<StreamCount, Long>> before = new HashMap<>();
        Map<Integer, Map<StreamCount, Long>> after = new HashMap<>();
        for (int partition : Arrays.asList(0, 1, 2)) {
            before.put(partition, Map.of(StreamCount.GRADES_DEAD_LETTERED, 1L));
            after.put(partition, Map.of(StreamCount.GRADES_DEAD_LETTERED, 1L + partition,
                    StreamCount.GRADES_READ, 10L));
        }

        counters.observe(before);
        counters.observe(after);

        assertThat(registry.get("evalstream_dead_letters").tags("topic", Topics.GRADES).functionCounter().count())
                .isEqualTo(3);
        assertThat(registry.get("evalstream_grades_read").functionCounter().count()).isEqualTo(30);
    }
}
