package io.evalstream.producer.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class RoundRobinTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of(), List.of()),
                Arguments.of(List.of(List.of()), List.of()),
                Arguments.of(List.of(List.of("a0", "a1")), List.of("a0", "a1")),
                Arguments.of(List.of(List.of("a0", "a1"), List.of("b0", "b1")), List.of("a0", "b0", "a1", "b1")),
                Arguments.of(List.of(List.of("a0"), List.of("b0", "b1", "b2"), List.of("c0", "c1")),
                        List.of("a0", "b0", "c0", "b1", "c1", "b2")),
                Arguments.of(List.of(List.of(), List.of("b0")), List.of("b0")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void takesOneFromEachGroupInTurnUntilAllAreUsedUp(List<List<String>> groups, List<String> expected) {
        assertThat(RoundRobin.interleave(groups)).isEqualTo(expected);
    }
}
