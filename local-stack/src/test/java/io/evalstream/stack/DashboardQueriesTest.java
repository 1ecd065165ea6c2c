package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every query of every Grafana dashboard under {@code deploy/grafana/dashboards} returns data from a real
 * Prometheus that scraped the real services during a run: simulated models of which one fails some of its
 * requests and one gains on one benchmark and loses on another against a third, a judged benchmark, and an
 * unreadable record on the tasks and the grades topics for the dead-letter panels. The alert rules load
 * healthy in the same Prometheus.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@Tag("integration")
class DashboardQueriesTest extends SharedStack {

    private static final Path DEPLOY = StackOptions.defaultHome().resolve("deploy");
    private static final List<String> DASHBOARDS = List.of("run-overview.json", "model-comparison.json",
            "operations.json");
    private static final String MODEL_A = "sim-medium";
    private static final List<String> MODELS = List.of(MODEL_A, SEESAW_MODEL, FLAKY_MODEL);
    private static final List<String> BENCHMARKS = List.of("gsm8k", "mmlu", "stories", "story-text");
    private static final List<String> ALERTS = List.of("EvalstreamRunStalled", "EvalstreamConsumerLagGrowing",
            "EvalstreamModelErrorRateHigh", "EvalstreamDeadLetters");

    private static final Duration SETTLE = Duration.ofSeconds(15);

    private static PrometheusServer prometheus;

    @BeforeAll
    static void startPrometheus() throws IOException {
        prometheus = PrometheusServer.start(Files.createDirectories(stack.workDir().resolve("prometheus")),
                stack.services(), DEPLOY.resolve("prometheus/alerts.yml"));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void everyQueryOfEveryDashboardReturnsDataAfterARun() throws Exception {
        String runId = "e2e-dashboards-" + System.currentTimeMillis();
        SettingsOverrides settings = new SettingsOverrides(0, false, 0.7, null, null, null, null);
        modelSeriesExistBefore(runId, settings);
        assertThat(client.submit(RunSpecs.json(runId, MODELS, BENCHMARKS, null, settings, 2)).statusCode())
                .isEqualTo(202);
        pushUnreadable(Topics.TASKS, runId + "/not-a-task", "not a task " + runId);
        pushUnreadable(Topics.GRADES, runId + "/not-a-grade", "not a grade " + runId);
        client.awaitComplete(runId, Duration.ofMinutes(5), report -> { });
        // Queried as of a moment shortly after the run, so that the rates' one-minute windows hold its work and
        // the services' slower pollers (consumer lag, topic offsets) have reported since; scrapes come each second.
        Instant at = Instant.now().plus(SETTLE);
        await().atMost(SETTLE.plusSeconds(30)).until(() -> Instant.now().isAfter(at.plusSeconds(3)));

        List<DashboardQueries.Query> queries = queries(Map.of(
                "run", runId, "model", regex(MODELS), "benchmark", regex(BENCHMARKS), "a", MODEL_A, "b", SEESAW_MODEL,
                "__rate_interval", "1m", "__interval", "1m"));
        assertThat(withoutData(queries, at)).as("queries without data at %s (Prometheus log: %s)", at, prometheus.log())
                .isEmpty();
    }

    @Test
    void theAlertRulesLoadHealthyInPrometheus() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<JsonNode> rules = new ArrayList<>();
            prometheus.rules().forEach(group -> group.path("rules").forEach(rules::add));
            assertThat(rules).extracting(rule -> rule.path("name").asText()).containsExactlyInAnyOrderElementsOf(ALERTS);
            assertThat(rules).allSatisfy(rule -> assertThat(rule.path("health").asText()).as(rule.toString())
                    .isEqualTo("ok"));
        });
    }

    /**
     * A worker restarted by an earlier test counts afresh, and the simulator can answer a whole run between two
     * scrapes: Prometheus would first see each model's series at its final value, and a rate over it is 0 (a panel
     * shows nothing). A small run first makes the series exist, so the measured run's calls show as an increase.
     */
    private static void modelSeriesExistBefore(String runId, SettingsOverrides settings) {
        String warmUp = runId + "-warm-up";
        assertThat(client.submit(RunSpecs.json(warmUp, MODELS, List.of("gsm8k"), 2, settings, 1)).statusCode())
                .isEqualTo(202);
        client.awaitComplete(warmUp, Duration.ofMinutes(2), report -> { });
        String perModel = "count by (model) (evalstream_model_latency_seconds_count{model=~\"" + regex(MODELS) + "\"})";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> prometheus.query(perModel, Instant.now()).size() == MODELS.size());
        // The Kafka clients' per-partition metrics are bound by Micrometer when it next looks for new client metrics
        // (about a minute): on a stack just started, as when this class runs alone, the lag panel waits for that.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !prometheus.query("kafka_consumer_fetch_manager_records_lag", Instant.now()).isEmpty());
    }

    /** Each panel query and variable query of the dashboards, with the variables filled in. */
    private static List<DashboardQueries.Query> queries(Map<String, String> values) throws IOException {
        List<DashboardQueries.Query> queries = new ArrayList<>();
        for (String file : DASHBOARDS) {
            JsonNode dashboard = Json.mapper().readTree(DEPLOY.resolve("grafana/dashboards").resolve(file).toFile());
            queries.addAll(DashboardQueries.variableQueries(file, dashboard));
            queries.addAll(DashboardQueries.panelQueries(file, dashboard));
        }
        assertThat(queries).hasSizeGreaterThan(50);
        return queries.stream().map(q -> q.withExpr(DashboardQueries.substitute(q.expr(), values))).toList();
    }

    /** The queries whose result is empty, or only NaN (a panel shows nothing for those either). */
    private static List<String> withoutData(List<DashboardQueries.Query> queries, Instant at) {
        List<String> empty = new ArrayList<>();
        for (DashboardQueries.Query query : queries) {
            JsonNode result = prometheus.query(query.expr(), at);
            if (result.isEmpty()) {
                empty.add(query.toString());
            } else if (allNaN(result)) {
                empty.add(query + "  (NaN only)");
            }
        }
        return empty;
    }

    private static boolean allNaN(JsonNode result) {
        for (JsonNode sample : result) {
            if (!sample.path("value").path(1).asText().equals("NaN")) {
                return false;
            }
        }
        return true;
    }

    /** Grafana's value of a multi-value variable in a regex matcher. */
    private static String regex(List<String> values) {
        return values.stream().collect(Collectors.joining("|", "(", ")"));
    }

    private static void pushUnreadable(String topic, String key, String value)
            throws InterruptedException, ExecutionException {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
