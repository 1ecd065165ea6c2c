package io.evalstream.stack;

import static io.evalstream.stack.RenderedOverlays.HOME;
import static io.evalstream.stack.RenderedOverlays.SERVICES;
import static io.evalstream.stack.RenderedOverlays.TOOL_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code docker-compose.yml}, validated by docker-compose itself. Needs no Docker engine. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ComposeFileTest {

    /** A value compose must be given: {@code ${VAR:?message}}, empty or unset stops it. */
    private static final Pattern MANDATORY = Pattern.compile("\\$\\{(\\w+):\\?[^}]+}");

    @TempDir
    static Path dir;
    /** An empty env file, so a developer's .env (with a real Grafana password, say) changes no result here. */
    private static Path noEnvFile;
    private static JsonNode services;

    @BeforeAll
    static void readTheComposeFile() throws IOException {
        noEnvFile = Files.writeString(dir.resolve("empty.env"), "");
        services = Manifests.yaml(Files.readString(HOME.resolve("docker-compose.yml"))).path("services");
    }

    @Test
    void theComposeFileIsValidAndLetsTheWorkerScale() throws Exception {
        CommandLine.Result result = config(Map.of("GRAFANA_ADMIN_PASSWORD", "a-password-for-the-check"));

        assertThat(result.exitCode()).as(result.describe()
                + "\n(deploy/seccomp/grader.json, the grader's profile, comes with the seccomp branch)").isZero();
        assertThat(services.path("model-worker").has("container_name")).isFalse();
        assertThat(services.path("model-worker").has("ports")).isFalse();
        SERVICES.forEach((name, port) ->
                assertThat(services.path(name).path("build").path("context").asText()).isEqualTo(name));
        assertThat(services.path("kafka").path("image").asText()).matches("apache/kafka:\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void everyPublishedPortListensOnLoopbackOnly() {
        List<String> published = new ArrayList<>();
        services.properties().forEach(s -> s.getValue().path("ports").forEach(p -> published.add(s.getKey() + " " + p)));

        assertThat(published).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(port -> assertThat(loopbackOnly(port.substring(port.indexOf(' ') + 1))).as(port).isTrue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "127.0.0.1:8081:8081"                      | true
            "8081:8081"                                | false
            "0.0.0.0:8081:8081"                        | false
            "8081"                                     | false
            "127.0.0.1::8081"                          | false
            "192.168.1.5:8081:8081"                    | false
            {"target": 8081, "published": 8081}        | false
            """)
    void aPortPublishedBeyondLoopbackIsCaught(String port, boolean expected) {
        assertThat(loopbackOnly(port)).isEqualTo(expected);
    }

    /** A compose port, as its JSON text, in the short form with the host address 127.0.0.1 and a host port. */
    private static boolean loopbackOnly(String port) {
        return port.matches("\"127\\.0\\.0\\.1:\\d+:\\d+(/(tcp|udp))?\"");
    }

    @Test
    void grafanaHasNoDefaultPasswordAndNoAnonymousViewers() throws Exception {
        JsonNode environment = services.path("grafana").path("environment");
        Matcher password = MANDATORY.matcher(environment.path("GF_SECURITY_ADMIN_PASSWORD").asText());
        CommandLine.Result unset = config(Map.of("GRAFANA_ADMIN_PASSWORD", ""));

        assertThat(password.matches()).as("GF_SECURITY_ADMIN_PASSWORD is ${VAR:?...}: " + environment).isTrue();
        assertThat(unset.exitCode()).as(unset.describe()).isNotZero();
        assertThat(unset.output()).as(unset.describe()).contains("Missing mandatory value", password.group(1));
        assertThat(environment.path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("false");
        assertThat(environment.path("GF_USERS_ALLOW_SIGN_UP").asText()).isEqualTo("false");
    }

    @Test
    void theWorkersKeyIsAMountedFileWhereTheModelsFileLooksNeverAVariable() throws Exception {
        String models = Files.readString(HOME.resolve("deploy/k8s/base/model-worker-models.properties"));
        JsonNode secret = services.path("model-worker").path("secrets").get(0);

        services.properties().forEach(s -> assertThat(s.getValue().path("environment").properties())
                .extracting(Map.Entry::getKey).as(s.getKey()).noneMatch(name -> name.matches(".*(API_?KEY|_KEY$).*")));
        assertThat(secret.path("target").asText()).startsWith("/var/run/secrets/evalstream/model-keys/");
        assertThat(models).contains("openai.api-key-file=" + secret.path("target").asText());
        assertThat(services.path("model-worker").path("volumes")).extracting(JsonNode::asText)
                .contains("./deploy/k8s/base/model-worker-models.properties:/deployments/config/application.properties:ro");
    }

    private static CommandLine.Result config(Map<String, String> environment) throws Exception {
        Path compose = CommandLine.require("docker-compose", "docker-compose");
        return CommandLine.run(HOME, environment, TOOL_TIMEOUT, compose.toString(), "--env-file", noEnvFile.toString(),
                "-f", "docker-compose.yml", "config", "-q");
    }
}
