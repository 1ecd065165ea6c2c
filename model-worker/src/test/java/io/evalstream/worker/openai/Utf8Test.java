package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class Utf8Test {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                            | ''               | 0 | 0
            ASCII cut anywhere               | 616263           | 2 | 2
            two-byte char whole              | 61c3bc           | 3 | 3
            two-byte char cut after its lead | 61c3bc           | 2 | 1
            three-byte char cut after 2      | 61e69db1         | 3 | 1
            three-byte char whole            | 61e69db1         | 4 | 4
            four-byte char cut after 3       | f09f988062       | 3 | 0
            four-byte char whole             | f09f988062       | 4 | 4
            Turkish dotted I cut             | c4b0c4b0         | 3 | 2
            stray continuation bytes kept    | 8080808080       | 5 | 5
            """)
    void endsAPrefixBeforeACharacterTheCutWouldSplit(String name, String hex, int length, int expected) {
        assertThat(Utf8.completeLength(HexFormat.of().parseHex(hex), length)).isEqualTo(expected);
    }
}
