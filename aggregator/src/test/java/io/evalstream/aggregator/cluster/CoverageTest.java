package io.evalstream.aggregator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoverageTest {

    /** Slices as "partitions" per instance, e.g. {@code 0 1|2 3 4|5}; every partition holds one entry named after it. */
    @ParameterizedTest(name = "{0} of 6 partitions: {1}")
    @CsvSource(delimiter = ';', value = {
            "0 1 2 3 4 5;                whole",
            "0 1|2 3 4|5;                whole",
            "5|4|3|2|1|0;                whole",
            "0 1|2 3 4;                  partitions [5] have no active instance",
            "0 1|3 4 5;                  partitions [2] have no active instance",
            "0 1 2|2 3 4 5;              partitions [2] are moving between instances",
            "0 1|1 2 3;                  partitions [4, 5] have no active instance and partitions [1] are moving",
            "'';                         partitions [0, 1, 2, 3, 4, 5] have no active instance"})
    void slicesAddUpOnlyWhenEveryPartitionIsAnsweredExactlyOnce(String instances, String expected) {
        List<Slice<Integer>> slices = Arrays.stream(instances.split("\\|")).map(CoverageTest::slice).toList();
        if (expected.equals("whole")) {
            assertThat(Coverage.merge(6, slices)).isEqualTo(Map.of("p0", 0, "p1", 1, "p2", 2, "p3", 3, "p4", 4, "p5", 5));
        } else {
            assertThatThrownBy(() -> Coverage.merge(6, slices)).isInstanceOf(InvalidStateStoreException.class)
                    .hasMessageStartingWith(expected);
        }
    }

    private static Slice<Integer> slice(String partitions) {
        List<Integer> owned = partitions.isBlank() ? List.of()
                : Arrays.stream(partitions.trim().split(" ")).map(Integer::parseInt).toList();
        return new Slice<>(owned, owned.stream().collect(java.util.stream.Collectors.toMap(p -> "p" + p, p -> p)));
    }

}
