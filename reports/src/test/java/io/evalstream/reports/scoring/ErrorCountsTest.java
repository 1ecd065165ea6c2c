package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.ErrorKind;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ErrorCountsTest {

    /**
     * Moves are {@code +KIND:reason} (add a grade, {@code -} for none) or {@code -KIND} (take one back); the
     * expectations are {@code KIND=count} and {@code KIND=reason}, space-separated, empty for none.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            nothing moved                     | ''                                           | ''                             | ''
            one grade with a reason           | +UNGRADABLE:sandbox                          | UNGRADABLE=1                   | UNGRADABLE=sandbox
            one grade without a reason        | +TIMEOUT:-                                   | TIMEOUT=1                      | ''
            the latest reason of a kind wins  | +TIMEOUT:a +TIMEOUT:b                        | TIMEOUT=2                      | TIMEOUT=b
            a grade without one keeps it      | +TIMEOUT:a +TIMEOUT:-                        | TIMEOUT=2                      | TIMEOUT=a
            redelivery: taken back, added     | +UNGRADABLE:s -UNGRADABLE +UNGRADABLE:s      | UNGRADABLE=1                   | UNGRADABLE=s
            a kind emptied loses its reason   | +NO_WORKER_FOR_MODEL:judge -NO_WORKER_FOR_MODEL | ''                          | ''
            kinds are apart                   | +TIMEOUT:t +UNGRADABLE:u -TIMEOUT            | UNGRADABLE=1                   | UNGRADABLE=u
            non-ASCII reason                  | +BAD_INPUT:İstanbul→ı                        | BAD_INPUT=1                    | BAD_INPUT=İstanbul→ı
            """)
    void countsExactlyAndKeepsASampleReasonPerCountedKind(String name, String moves, String counts, String reasons) {
        ErrorCounts errors = ErrorCounts.NONE;
        for (String move : moves.isBlank() ? new String[0] : moves.split(" ")) {
            ErrorKind kind = ErrorKind.valueOf(move.substring(1).split(":")[0]);
            String reason = move.contains(":") ? move.substring(move.indexOf(':') + 1) : null;
            errors = errors.move(kind, "-".equals(reason) ? null : reason, move.startsWith("+") ? 1 : -1);
        }

        assertThat(errors.counts()).isEqualTo(parse(counts, Long::valueOf));
        assertThat(errors.reasons()).isEqualTo(parse(reasons, text -> text));
    }

    @Test
    void aGradeWithoutAKindChangesNothing() {
        assertThat(ErrorCounts.NONE.move(null, "why", 1)).isEqualTo(ErrorCounts.NONE);
    }

    @Test
    void aSumAddsTheCountsAndKeepsAReasonPerKind() {
        ErrorCounts a = ErrorCounts.NONE.move(ErrorKind.TIMEOUT, "slow", 1).move(ErrorKind.UNGRADABLE, null, 1);
        ErrorCounts b = ErrorCounts.NONE.move(ErrorKind.TIMEOUT, "slower", 1).move(ErrorKind.UNGRADABLE, "sandbox", 1);

        ErrorCounts sum = a.plus(b);

        assertThat(sum.counts()).isEqualTo(Map.of(ErrorKind.TIMEOUT, 2L, ErrorKind.UNGRADABLE, 2L));
        assertThat(sum.reasons()).isEqualTo(Map.of(ErrorKind.TIMEOUT, "slow", ErrorKind.UNGRADABLE, "sandbox"));
        assertThat(ErrorCounts.NONE.plus(ErrorCounts.NONE)).isEqualTo(ErrorCounts.NONE);
    }

    private static <V> Map<ErrorKind, V> parse(String entries, java.util.function.Function<String, V> value) {
        Map<ErrorKind, V> map = new EnumMap<>(ErrorKind.class);
        Arrays.stream(entries.split(" ")).filter(entry -> !entry.isBlank()).forEach(entry -> map.put(
                ErrorKind.valueOf(entry.substring(0, entry.indexOf('='))), value.apply(entry.substring(entry.indexOf('=') + 1))));
        return map;
    }
}
