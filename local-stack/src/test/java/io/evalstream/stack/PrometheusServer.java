package io.evalstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.broker.FreePorts;
import io.evalstream.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A real Prometheus as a child process: scrapes every service of a local stack each second (jobs named as in
 * {@code deploy/prometheus/prometheus.yml}) and evaluates the given rule files each second.
 */
final class PrometheusServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Prometheus in {@code dir} (config, data and log go there) and waits until it is ready. */
    static PrometheusServer start(Path dir, List<ServiceProcess> services, Path ruleFile) throws IOException {
        Path binary = CommandLine.require("prometheus", "prometheus");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, config(services, ruleFile));
        int port = FreePorts.next();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, port, log);
        try {
            Awaitility.await("Prometheus ready").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(server::ready);
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("Prometheus did not get ready; its log:\n" + Files.readString(log), e);
        }
        return server;
    }

    /** One job per service, its replicas (model-worker-2, aggregator-r1, ...) together in its job. */
    static String config(List<ServiceProcess> services, Path ruleFile) {
        Map<String, List<String>> targets = services.stream().collect(Collectors.groupingBy(
                service -> service.name().replaceFirst("-r?\\d+$", ""), TreeMap::new,
                Collectors.mapping(service -> "\"127.0.0.1:" + service.port() + "\"", Collectors.toList())));
        StringBuilder yaml = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - "%s"
                scrape_configs:
                """.formatted(ruleFile.toAbsolutePath()));
        targets.forEach((job, addresses) -> yaml.append("""
                  - job_name: %s
                    metrics_path: /q/metrics
                    static_configs:
                      - targets: [%s]
                """.formatted(job, String.join(", ", addresses))));
        return yaml.toString();
    }

    /** The result of an instant query at {@code at}: a JSON array of samples. */
    JsonNode query(String promql, Instant at) {
        JsonNode response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + at.getEpochSecond() + "." + String.format("%03d", at.getNano() / 1_000_000));
        if (!response.path("status").asText().equals("success")) {
            throw new AssertionError("Prometheus rejected " + promql + ": " + response);
        }
        return response.path("data").path("result");
    }

    /** {@code /api/v1/rules}: the rule groups with each rule's health and last error. */
    JsonNode rules() {
        return get("/api/v1/rules").path("data").path("groups");
    }

    Path log() {
        return log;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Prometheus exited with " + process.exitValue());
        }
        try {
            return http.send(request("/-/ready"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode get(String path) {
        try {
            return Json.mapper().readTree(http.send(request(path), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " on Prometheus failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .GET().build();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
