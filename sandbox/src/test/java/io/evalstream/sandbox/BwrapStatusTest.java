package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BwrapStatusTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            nothing written          | ``                                                                               | false | -1
            set up, still running    | `{ "child-pid": 19154, "pid-namespace": 4026532181 }\\n`                 | true  | -1
            set up and exited        | `{ "child-pid": 19154, "net-namespace": 1 }\\n{ "exit-code": 3 }\\n`   | true  | 3
            killed by SIGXCPU        | `{ "child-pid": 7 }\\n{ "exit-code": 152 }\\n`                             | true  | 152
            failed before the child  | `{ "exit-code": 1 }\\n`                                                       | false | 1
            """)
    void statusFileTellsWhetherTheProgramStarted(String name, String json, boolean started, int exitCode) {
        BwrapStatus status = BwrapStatus.parse(json.translateEscapes());

        assertThat(status.started()).isEqualTo(started);
        assertThat(status.exitCode()).isEqualTo(exitCode < 0 ? OptionalInt.empty() : OptionalInt.of(exitCode));
    }
}
