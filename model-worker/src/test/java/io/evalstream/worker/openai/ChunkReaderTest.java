package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.backend.ModelCallException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ChunkReaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            chat delta                  | CHAT        | {"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":"The "}}]}          | 'The '  | false |    |
            chat finish, no content     | CHAT        | {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}                               | ''      | true  |    |
            null finish reason          | CHAT        | {"choices":[{"delta":{"content":"x"},"finish_reason":null}]}                              | x       | false |    |
            usage chunk                 | CHAT        | {"choices":[],"usage":{"prompt_tokens":57,"completion_tokens":19,"total_tokens":76}}      | ''      | false | 57 | 19
            completions text            | COMPLETIONS | {"object":"text_completion","choices":[{"text":" upon","logprobs":null}]}                | ' upon' | false |    |
            completions ignores delta   | COMPLETIONS | {"choices":[{"delta":{"content":"x"}}]}                                                   | ''      | false |    |
            only the first choice       | CHAT        | {"choices":[{"delta":{"content":"a"}},{"delta":{"content":"b"}}]}                         | a       | false |    |
            unknown nested fields       | CHAT        | {"x":{"y":[1,{"z":2}]},"choices":[{"logprobs":{"content":[{"t":"a"}]},"delta":{"content":"ok"}}]} | ok | false |  |
            non-ASCII                   | CHAT        | {"choices":[{"delta":{"content":"İ東京é"}}]}                                               | İ東京é  | false |    |
            escaped                     | CHAT        | {"choices":[{"delta":{"content":"a\\nb \\"q\\" \\u00e9"}}]}                                  | 'a\nb "q" é' | false | |
            """)
    void keepsTheFirstChoicesTextFinishAndUsage(String name, OpenAiApi api, String data, String text, boolean finished,
            Long prompt, Long completion) {
        OpenAiProtocol.Chunk chunk = ChunkReader.read(data, api);

        assertThat(chunk.text()).isEqualTo(text.replace("\\n", "\n"));
        assertThat(chunk.finished()).isEqualTo(finished);
        assertThat(chunk.usage()).isEqualTo(prompt == null ? null : new TokenUsage(prompt, completion));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON           | <html>502</html>                          | MALFORMED_RESPONSE | not JSON
            cut off            | {"choices":[{"delta":{"content":          | MALFORMED_RESPONSE | not JSON
            an array           | [1,2]                                     | MALFORMED_RESPONSE | not JSON
            empty              | ''                                        | MALFORMED_RESPONSE | not JSON
            error event        | {"error":{"message":"overloaded","code":503}} | SERVER_ERROR   | mid-stream: overloaded
            """)
    void rejectsGarbageAndReportsErrorEvents(String name, String data, ErrorKind kind, String message) {
        assertThatThrownBy(() -> ChunkReader.read(data, OpenAiApi.CHAT)).isInstanceOf(ModelCallException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ModelCallException) e).kind()).isEqualTo(kind));
    }
}
