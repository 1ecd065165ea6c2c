package io.evalstream.stack;

import static io.evalstream.stack.RenderedOverlays.HOME;
import static io.evalstream.stack.RenderedOverlays.SERVICES;
import static io.evalstream.stack.RenderedOverlays.TOOL_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code docker-compose.yml}, validated by docker-compose itself. Needs no Docker engine. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ComposeFileTest {

    @Test
    void theComposeFileIsValidAndLetsTheWorkerScale() throws Exception {
        Path compose = CommandLine.require("docker-compose", "docker-compose");
        CommandLine.Result result = CommandLine.run(HOME, TOOL_TIMEOUT, compose.toString(), "-f", "docker-compose.yml",
                "config", "-q");
        JsonNode services = Manifests.yaml(Files.readString(HOME.resolve("docker-compose.yml"))).path("services");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(services.path("model-worker").has("container_name")).isFalse();
        assertThat(services.path("model-worker").has("ports")).isFalse();
        SERVICES.forEach((name, port) ->
                assertThat(services.path(name).path("build").path("context").asText()).isEqualTo(name));
        assertThat(services.path("kafka").path("image").asText()).matches("apache/kafka:\\d+\\.\\d+\\.\\d+");
    }
}
