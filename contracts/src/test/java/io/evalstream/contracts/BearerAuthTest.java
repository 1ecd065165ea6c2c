package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BearerAuthTest {

    private static final BearerAuth TWO_TOKENS = BearerAuth.accepting(List.of("s3cret-current", "s3cret-next"));

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            Bearer s3cret-current           | ALLOWED
            Bearer s3cret-next              | ALLOWED
            bearer s3cret-current           | ALLOWED
            Bearer   s3cret-current         | ALLOWED
            NULL                            | authentication required
            ''                              | authentication required
            '   '                           | authentication required
            Basic czNjcmV0LWN1cnJlbnQ=      | must use the Bearer scheme
            Token s3cret-current            | must use the Bearer scheme
            s3cret-current                  | must use the Bearer scheme
            Bearer                          | must use the Bearer scheme
            Bearer s3cret-curren            | not valid
            Bearer s3cret-current2          | not valid
            Bearer S3CRET-CURRENT           | not valid
            Bearer s3cret-current,s3cret-next | not valid
            Bearer ''                       | not valid
            Bearer sécret-çurrent           | not valid
            """)
    void aRequestIsLetThroughOnlyWithAnAcceptedBearerToken(String header, String expected) {
        Optional<String> refusal = TWO_TOKENS.refusal(header);
        if (expected.equals("ALLOWED")) {
            assertThat(refusal).isEmpty();
        } else {
            assertThat(refusal).get(STRING)
                    .contains(expected).contains("Authorization: Bearer <token>");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            Bearer s3cret-currenX
            Bearer sk-canary-1234567890
            Basic s3cret-current
            """)
    void aRefusalNeverRepeatsTheTokenSent(String header) {
        String sent = header.substring(header.indexOf(' ') + 1);
        assertThat(TWO_TOKENS.refusal(header)).get(STRING)
                .doesNotContain(sent);
    }

    @Test
    void withNoTokenConfiguredEveryRequestIsRefusedWithTheWayToConfigureOne() {
        BearerAuth none = BearerAuth.accepting(List.of(" ", ""));
        assertThat(none.refusal("Bearer anything")).get(STRING)
                .contains("no API token configured").contains("EVALSTREAM_AUTH_TOKEN")
                .contains("evalstream.auth.enabled=false");
        assertThat(none.refusal(null)).isPresent();
        assertThat(none.describe()).contains("refuse every request");
    }

    @Test
    void disabledExplicitlyLetsEverythingThroughAndSaysSo() {
        BearerAuth open = BearerAuth.configured(false, List.of(), Optional.empty());
        assertThat(open.refusal(null)).isEmpty();
        assertThat(open.refusal("Basic x")).isEmpty();
        assertThat(open.describe()).contains("DISABLED");
    }

    @Test
    void tokensComeFromTheSettingAndTheTokenFileTogether(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tokens"), "# rotated 2025-01\n\nfrom-file-1\n  from-file-2  \n");
        BearerAuth auth = BearerAuth.configured(true, List.of("from-setting"), Optional.of(file));
        assertThat(auth.refusal("Bearer from-setting")).isEmpty();
        assertThat(auth.refusal("Bearer from-file-1")).isEmpty();
        assertThat(auth.refusal("Bearer from-file-2")).isEmpty();
        assertThat(auth.refusal("Bearer # rotated 2025-01")).isPresent();
        assertThat(auth.describe()).contains("3 accepted").doesNotContain("from-");
    }

    @Test
    void anUnreadableTokenFileStopsTheServiceNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-token");
        assertThatThrownBy(() -> BearerAuth.configured(true, List.of(), Optional.of(missing)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("evalstream.auth.token-file");
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            'tok'                       | 1
            'tok\\n'                     | 1
            '# only a comment'           | 0
            ''                           | 0
            'a\\n\\n  b  \\n#c\\nd'      | 3
            """)
    void aTokenFileHoldsOneTokenPerLine(String text, int tokens) {
        assertThat(BearerAuth.parseTokenFile(text.replace("\\n", "\n"))).hasSize(tokens).allSatisfy(token ->
                assertThat(token).isNotBlank().doesNotStartWith("#").isEqualTo(token.strip()));
    }
}
