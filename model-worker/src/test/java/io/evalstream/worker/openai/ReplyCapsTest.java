package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ReplyCapsTest {

    @ParameterizedTest(name = "max_tokens {0}: {1} bytes")
    @CsvSource(textBlock = """
            1,          66560
            256,        327680
            512,        589824
            65472,      67108864
            2147483647, 67108864
            """)
    void aReplyMayTakeAnAllowancePlusitsShareOfMaxTokensUpToTheCeiling(int maxTokens, long expected) {
        assertThat(ReplyCaps.DEFAULTS.replyBytes(maxTokens)).isEqualTo(expected);
    }

    @Test
    void aBadCapNamesItsKey() {
        assertThatThrownBy(() -> new ReplyCaps(100, 1024, 65536, 1 << 26, 1 << 20))
                .hasMessage("openai.caps.error-body must be at least 256 bytes (to show the server's message), got 100");
        assertThatThrownBy(() -> new ReplyCaps(4096, 1024, 65536, 1024, 1 << 20))
                .hasMessage("openai.caps.reply-ceiling must be at least reply-allowance (65536), got 1024");
    }
}
