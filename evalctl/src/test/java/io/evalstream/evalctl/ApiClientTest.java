package io.evalstream.evalctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ApiClientTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"error\":\"unknown run 'r9'\"}                 | unknown run 'r9'",
        "{\"error\":\"no token\",\"status\":401}          | no token",
        "<html>502 Bad Gateway</html>                     | <html>502 Bad Gateway</html>",
        "{\"message\":\"a proxy's own shape\"}            | {\"message\":\"a proxy's own shape\"}",
        "{\"error\":{\"code\":5}}                         | {\"error\":{\"code\":5}}",
        "`   `                                            | no reason given"})
    void theReasonIsTheServicesErrorFieldElseWhatWasSent(String body, String reason) {
        assertThat(ApiClient.reason(body)).isEqualTo(reason);
    }
}
