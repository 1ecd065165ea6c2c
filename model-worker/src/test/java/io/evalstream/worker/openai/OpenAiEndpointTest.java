package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiEndpointTest {

    private static final OpenAiEndpoint WITH_KEY = new OpenAiEndpoint(URI.create("http://localhost:8000/v1"), "m",
            "sk-canary-Zx81", Duration.ofSeconds(5));
    private static final OpenAiEndpoint WITHOUT_KEY = new OpenAiEndpoint(URI.create("http://localhost:8000/v1"), "m",
            null, Duration.ofSeconds(5));

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            Incorrect API key provided: Bearer sk-canary-Zx81                 | Incorrect API key provided: Bearer ***
            {"error":{"message":"bad key sk-canary-Zx81"}}                    | {"error":{"message":"bad key ***"}}
            sk-canary-Zx81sk-canary-Zx81                                      | ******
            Authorization: bearer some-other-secret.with+chars/=              | Authorization: bearer ***
            {"message":"Bearer abc123","code":401}                            | {"message":"Bearer ***","code":401}
            returned HTTP 500: upstream timed out                             | returned HTTP 500: upstream timed out
            a bearer market is coming                                         | a bearer *** is coming
            ''                                                                | ''
            """)
    void redactionRemovesTheKeyAndAnyBearerCredentialAQuotedReplyCarries(String text, String expected) {
        assertThat(WITH_KEY.redact(text)).isEqualTo(expected).doesNotContain("sk-canary-Zx81");
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            Incorrect API key provided: Bearer sk-live-1   | Incorrect API key provided: Bearer ***
            no key here                                    | no key here
            """)
    void withoutAKeyBearerCredentialsAreStillRemoved(String text, String expected) {
        assertThat(WITHOUT_KEY.redact(text)).isEqualTo(expected);
    }
}
