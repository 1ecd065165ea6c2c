package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.worker.backend.ModelCallException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class SseParserTest {

    /** Feeds the stream in chunks of {@code chunk} bytes and collects every event's data, the unterminated last included. */
    private static List<String> events(String stream, int chunk) {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        SseParser parser = new SseParser(1 << 20);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            events.addAll(parser.feed(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk))));
        }
        String last = parser.finish();
        if (last != null) {
            events.add(last);
        }
        return events;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            two events, LF                   | data: {"a":1}\\n\\ndata: [DONE]\\n\\n                 | {"a":1}¦[DONE]
            CRLF line ends                   | data: {"a":1}\\r\\n\\r\\ndata: [DONE]\\r\\n\\r\\n      | {"a":1}¦[DONE]
            CR line ends                     | data: x\\r\\rdata: y\\r\\r                            | x¦y
            CR then text then LF             | data: a\\rdata: b\\n\\n                           | a\\nb
            no space after the colon         | data:{"a":1}\\n\\n                                  | {"a":1}
            two data lines join with LF      | data: one\\ndata: two\\n\\n                         | one\\ntwo
            comments and other fields skipped| : keep-alive\\nevent: message\\nid: 7\\ndata: x\\n\\n | x
            empty input                      |                                                    |
            blank lines only                 | \\n\\n\\n                                            |
            event without a blank line at end| data: [DONE]                                       | [DONE]
            event with no data is not one    | event: ping\\n\\n                                   |
            non-ASCII text                   | data: {"t":"İstanbul ünïcødé 東京"}\\n\\n            | {"t":"İstanbul ünïcødé 東京"}
            """)
    void splitsAStreamIntoTheDataOfEachEventHoweverItIsChunked(String name, String stream, String expected) {
        String input = stream == null ? "" : stream.replace("\\n", "\n").replace("\\r", "\r");
        List<String> want = expected == null ? List.of()
                : Arrays.stream(expected.split("¦")).map(e -> e.replace("\\n", "\n")).toList();
        for (int chunk : new int[] {1, 2, 3, 7, 64, Math.max(1, input.length() * 4)}) {
            assertThat(events(input, chunk)).as("in chunks of %d bytes", chunk).isEqualTo(want);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty line                                | ''           | 8  | true
            line of exactly the cap                   | data: 12     | 8  | true
            line one byte over the cap                | data: 123    | 8  | false
            two-byte char ending exactly at the cap   | data: ü      | 8  | true
            three-byte char split by the cap          | data: 東     | 8  | false
            """)
    void aLineIsCappedInBytesWithoutItsLineEnd(String name, String line, int cap, boolean fits) {
        byte[] bytes = (line + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 2, bytes.length}) {
            SseParser parser = new SseParser(cap);
            Runnable feed = () -> {
                for (int i = 0; i < bytes.length; i += chunk) {
                    parser.feed(bytes, i, Math.min(chunk, bytes.length - i));
                }
            };
            if (fits) {
                feed.run();
            } else {
                assertThatThrownBy(feed::run).as("in chunks of %d", chunk)
                        .isInstanceOfSatisfying(ModelCallException.class, e -> {
                            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                            assertThat(e.terminal()).isTrue();
                        })
                        .hasMessageStartingWith("a server-sent event line exceeds its cap of " + cap + " bytes");
            }
        }
    }

    @Test
    void anEndlessLineStopsAtTheCapWithoutGrowingTheBuffer() {
        // Issue 24: "data: xxxx..." with no line end, 1 MiB at a time, must fail at the cap, not at the heap's end.
        SseParser parser = new SseParser(4 << 20);
        byte[] megabyte = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
        parser.feed("data: ".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> {
            for (int i = 0; i < 1_000; i++) {
                parser.feed(megabyte);
            }
        }).hasMessageStartingWith("a server-sent event line exceeds its cap of 4194304 bytes (4194310 bytes read");
    }

    @Test
    void aHugeEventSurvivesWhole() {
        String big = "x".repeat(200_000);

        assertThat(events("data: " + big + "\n\n", 8_192)).containsExactly(big);
    }
}
