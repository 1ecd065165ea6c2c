package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskId;
import io.evalstream.worker.Tasks;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 24: one call at a time against the stub's floods (a gzip bomb, an endless SSE line, a 50 MB error body).
 * Each ends within its cap as a terminal MALFORMED_RESPONSE naming the cap, and the worker hangs up on the rest.
 */
@Timeout(60)
class HostileServerTest {

    /** Error bodies 4 KiB; replies 1 KiB per token + 64 KiB (576 KiB at max_tokens 512); SSE lines 64 KiB. */
    private static final ReplyCaps CAPS = new ReplyCaps(4 << 10, 1 << 10, 64 << 10, 64L << 20, 64 << 10);
    private static final long REPLY_CAP = CAPS.replyBytes(512);
    private static final Pattern READ = Pattern.compile("\\((\\d+) bytes read after decompression\\)");
    @RegisterExtension
    static final StubServer server = new StubServer();

    @ParameterizedTest(name = "{0}, stream={1}")
    @CsvSource(delimiter = '|', textBlock = """
            gzip-bomb    | false | the reply body exceeds its cap of 589824 bytes            | 589824
            gzip-bomb    | true  | a server-sent event line exceeds its cap of 65536 bytes   | 65536
            endless-line | true  | a server-sent event line exceeds its cap of 65536 bytes   | 65536
            endless-line | false | the reply body exceeds its cap of 589824 bytes            | 589824
            huge-error   | true  | the HTTP 500 error body exceeds its cap of 4096 bytes     | 4096
            huge-error   | false | the HTTP 500 error body exceeds its cap of 4096 bytes     | 4096
            """)
    void aFloodEndsAtItsCapAsATerminalMalformedResponse(String fault, boolean stream, String says, long cap) {
        PromptTask task = task(fault);
        ModelCallException failure = server.failure(endpoint(stream, CAPS), task);

        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.terminal()).as("not retried into the same flood").isTrue();
        assertThat(failure.getMessage()).startsWith("POST " + server.stub().baseUrl() + "/chat/completions ")
                .contains(says);
        Matcher read = READ.matcher(failure.getMessage());
        assertThat(read.find()).as("the message says how much was read: %s", failure.getMessage()).isTrue();
        assertThat(Long.parseLong(read.group(1))).as("bytes read, decompressed").isBetween(cap + 1, cap + (64 << 10));
        assertThat(server.stub().requests(task.prompt())).isEqualTo(1);
        if (fault.equals("huge-error")) {
            assertThat(failure.getMessage()).contains("; it begins: {\"error\":{\"type\":\"server_error\",\"message\":"
                    + "\"stub error body of 50 MB: xxxx").endsWith("…");
        }
        if (!fault.equals("gzip-bomb")) {
            // A gzip bomb is a megabyte on the wire and may be all sent; the other floods are cut off by the worker.
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.stub().log(task.prompt()).hangUps() == 1);
            assertThat(server.stub().log(task.prompt()).bytesSent()).as("bytes the stub got out before the hang-up")
                    .isLessThan(16_000_000L);
        }
    }

    @Test
    void aGzipReplyWithinItsCapIsInflatedAndRead() {
        // The same generator as the bomb, 1 MiB of zeros, under caps that leave room for it: gzip is decoded, not refused.
        PromptTask task = task("gzip-bomb=1");
        ReplyCaps roomy = new ReplyCaps(4 << 10, 4 << 10, 64 << 10, 64L << 20, 1 << 20);
        ModelReply reply = server.call(endpoint(false, roomy), task);

        assertThat(reply.text()).hasSize(1 << 20).matches("0+");
        assertThat(server.stub().log(task.prompt()).lastHeaders()).containsEntry("accept-encoding", "gzip, deflate");
    }

    private static OpenAiEndpoint endpoint(boolean stream, ReplyCaps caps) {
        return new OpenAiEndpoint(server.baseUri(), "stub-upstream", null, Duration.ofSeconds(20),
                OpenAiApi.CHAT, stream, 4, caps);
    }

    private static PromptTask task(String fault) {
        return Tasks.task(new TaskId("run-1", "stub-gpt", "gsm8k", "q" + System.nanoTime(), "cot", 0),
                Extraction.NUMERIC, Category.MATH, "Question: flood me [[stub:" + fault + "]] " + System.nanoTime(),
                "72", Settings.of(0, false, 0.0, 1.0, 512, 1L, List.of()));
    }
}
