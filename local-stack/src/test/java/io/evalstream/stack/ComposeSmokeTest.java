package io.evalstream.stack;

import static io.evalstream.stack.RenderedOverlays.HOME;
import static io.evalstream.stack.RenderedOverlays.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Json;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.RunReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;

/**
 * {@code docker-compose.yml} for real, where a Docker engine answers: the four images built from their Dockerfiles
 * (from the packaged {@code target/quarkus-app} of each module), the stack started through Testcontainers' compose
 * support, a small run submitted to the producer's REST API and awaited on the aggregator until COMPLETE, Prometheus
 * scraping all four services, and Grafana answering with the provisioned dashboards. Where there is no Docker engine
 * it says so loudly and is reported as skipped with the reason; with {@code EVALSTREAM_REQUIRE_DOCKER} set it fails
 * instead. {@link ComposeFileTest} checks the file itself without Docker.
 */
@Tag("integration")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class ComposeSmokeTest {

    private static final Duration START = Duration.ofMinutes(10);
    private static final Duration RUN = Duration.ofMinutes(5);
    private static final Duration SCRAPE = Duration.ofMinutes(2);
    private static final int PROMETHEUS = 9090;
    private static final int GRAFANA = 3000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theComposeStackBuildsRunsARunToCompletionAndIsScrapedAndDashboarded() throws Exception {
        requireDocker();
        requirePackagedServices();
        String token = secret();
        String grafanaPassword = secret();
        try (ComposeContainer compose = new ComposeContainer(HOME.resolve("docker-compose.yml").toFile())
                .withBuild(true)
                .withRemoveVolumes(true)
                .withEnv(Map.of("EVALSTREAM_TOKEN", token, "GRAFANA_ADMIN_PASSWORD", grafanaPassword))
                .withExposedService("prompt-producer", SERVICES.get("prompt-producer"), ready("/q/health/ready"))
                .withExposedService("aggregator", SERVICES.get("aggregator"), ready("/q/health/ready"))
                .withExposedService("prometheus", PROMETHEUS, ready("/-/ready"))
                .withExposedService("grafana", GRAFANA, ready("/api/health"))) {
            compose.start();
            Endpoints at = new Endpoints(compose);

            String runId = "compose-smoke-" + System.currentTimeMillis();
            HttpResponse<String> accepted = send(HttpRequest.newBuilder(at.uri("prompt-producer", "/runs"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"runId": "%s", "models": ["sim-strong"], "benchmarks": [{"id": "gsm8k", "limit": 5}]}
                            """.formatted(runId))).build());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

            URI report = at.uri("aggregator", "/runs/" + runId + "/report");
            await("run " + runId + " COMPLETE on the aggregator").atMost(RUN).pollInterval(Duration.ofSeconds(1))
                    .until(() -> reportOrEmpty(send(HttpRequest.newBuilder(report)
                            .header("Authorization", "Bearer " + token).build())), found -> found.map(
                                    Reports::isComplete).orElse(false));

            URI targets = at.uri("prometheus", "/api/v1/targets");
            await("Prometheus scraping all four services").atMost(SCRAPE).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(jobsUp(json(send(HttpRequest.newBuilder(targets).build()))))
                            .containsAll(SERVICES.keySet()));

            JsonNode dashboards = json(send(HttpRequest.newBuilder(at.uri("grafana", "/api/search?tag=evalstream"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("admin:" + grafanaPassword).getBytes(StandardCharsets.UTF_8))).build()));
            List<String> titles = new ArrayList<>();
            dashboards.forEach(dashboard -> titles.add(dashboard.path("title").asText()));
            assertThat(titles).containsExactlyInAnyOrderElementsOf(provisionedTitles());
        }
    }

    /** Where the test reaches an exposed compose service: Testcontainers' ambassador, not the published port. */
    private record Endpoints(ComposeContainer compose) {

        URI uri(String service, String path) {
            int port = service.equals("prometheus") ? PROMETHEUS : service.equals("grafana") ? GRAFANA
                    : SERVICES.get(service);
            return URI.create("http://" + compose.getServiceHost(service, port) + ":"
                    + compose.getServicePort(service, port) + path);
        }
    }

    /** As {@code OwnedDirectoryTest}'s root check: said loudly, then reported as skipped with the reason. */
    private static void requireDocker() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return;
        }
        String host = System.getenv("DOCKER_HOST");
        String why = "no Docker engine (Testcontainers' DockerClientFactory.isDockerAvailable() is false; DOCKER_HOST "
                + (host == null ? "unset" : host) + ", /var/run/docker.sock "
                + (Files.exists(Path.of("/var/run/docker.sock")) ? "present" : "absent") + ")";
        if (System.getenv("EVALSTREAM_REQUIRE_DOCKER") != null) {
            throw new AssertionError("compose smoke test cannot run: " + why
                    + ", although EVALSTREAM_REQUIRE_DOCKER is set");
        }
        System.err.println("""

                !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
                !!! compose smoke test NOT RUN: %s
                !!! Not built, not started: the four images, docker-compose.yml, Prometheus scraping and
                !!! Grafana's provisioned dashboards. ComposeFileTest checked the file as text only.
                !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
                """.formatted(why));
        Assumptions.abort("compose smoke test NOT RUN: " + why);
    }

    /** Each Dockerfile copies its module's {@code target/quarkus-app}, which {@code ./run build} makes. */
    private static void requirePackagedServices() {
        List<String> missing = SERVICES.keySet().stream().sorted()
                .filter(module -> !Files.isRegularFile(HOME.resolve(module).resolve("target/quarkus-app/quarkus-run.jar")))
                .toList();
        assertThat(missing).as("modules whose Dockerfile has no target/quarkus-app to copy; run ./run build first")
                .isEmpty();
    }

    private static WaitStrategy ready(String path) {
        return Wait.forHttp(path).forStatusCode(200).withStartupTimeout(START);
    }

    /** The jobs with at least one target and every one of them up. */
    private static Set<String> jobsUp(JsonNode targets) {
        Set<String> seen = new HashSet<>();
        Set<String> down = new HashSet<>();
        for (JsonNode target : targets.path("data").path("activeTargets")) {
            String job = target.path("labels").path("job").asText();
            seen.add(job);
            if (!"up".equals(target.path("health").asText())) {
                down.add(job);
            }
        }
        seen.removeAll(down);
        return seen;
    }

    /** The titles of the dashboards in {@code deploy/grafana/dashboards}, which compose provisions. */
    private static List<String> provisionedTitles() throws IOException {
        try (Stream<Path> files = Files.list(HOME.resolve("deploy/grafana/dashboards"))) {
            List<String> titles = new ArrayList<>();
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                titles.add(Json.mapper().readTree(file.toFile()).path("title").asText());
            }
            return titles;
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    /** The body while the aggregator does not know the run yet (404) or is rebalancing reads as no report. */
    /** The report's scoreboard read as evalctl reads it; empty while the aggregator has none. */
    private static Optional<RunReport> reportOrEmpty(HttpResponse<String> response) throws IOException {
        return response.statusCode() == 200 ? Optional.of(io.evalstream.reports.render.ReportJson.mapper()
                .readValue(response.body(), RunReport.class)) : Optional.empty();
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
