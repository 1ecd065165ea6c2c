package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.RunAccepted;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.RunReport;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every stage scaled out at once: three workers, two graders (judges in flight) and three aggregators in one Kafka
 * Streams application. One aggregator and one grader are killed with SIGKILL mid-run. The run completes with exact
 * counts; every aggregator instance serves the same whole report; the Prometheus series of the instances, scraped by
 * a real Prometheus, sum to the report; and while the partitions move, no report call answers a partial report
 * (503 with Retry-After is the only other answer).
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
@Tag("integration")
class AggregatorReplicasTest extends SharedStack {

    private static final List<String> BENCHMARKS = List.of("gsm8k", "mmlu", "stories");
    private static final Path DEPLOY = StackOptions.defaultHome().resolve("deploy");
    private static final List<ServiceProcess> added = new ArrayList<>();

    @AfterAll
    static void backToOneOfEach() {
        // The other end-to-end tests share this stack; they found one replica of each and get one back.
        added.forEach(stack::removeReplica);
    }

    @Test
    void killedAggregatorAndGraderLeaveExactWholeIdenticalReportsAndSummableSeries() throws Exception {
        added.addAll(stack.startWorkers(3 - stack.liveWorkers().size()));
        List<ServiceProcess> graders = stack.startGraders(1);
        added.addAll(graders);
        List<ServiceProcess> replicas = stack.startAggregators(2);
        added.addAll(replicas);
        List<ServiceProcess> aggregators = stack.liveAggregators();
        assertThat(aggregators).hasSize(3);
        // Each instance runs some partitions before the run starts, so the kill takes state away mid-run.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                aggregators.stream().allMatch(aggregator -> activePartitions(aggregator) > 0));

        String runId = "e2e-aggregators-" + System.currentTimeMillis();
        List<String> models = List.of(PACED_MODEL);
        HttpResponse<String> accepted = client.submit(RunSpecs.json(runId, models, BENCHMARKS, 100,
                new SettingsOverrides(0, false, 0.7, null, 64, 7L, null), 6));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        long tasks = Json.mapper().readValue(accepted.body(), RunAccepted.class).tasks();
        RunReport submitted = await().atMost(Duration.ofSeconds(30)).until(() -> client.report(runId).orElse(null),
                java.util.Objects::nonNull);
        assertThat(tasks).isEqualTo(SampleItems.tasks(models, List.of("gsm8k", "mmlu"), 100, 6)
                + Reports.cell(submitted, PACED_MODEL, "stories").orElseThrow().grading().expected());

        try (PrometheusServer prometheus = PrometheusServer.start(
                Files.createDirectories(stack.workDir().resolve("prometheus-replicas")), stack.services(),
                DEPLOY.resolve("prometheus/alerts.yml"));
                ReportPoller poller = new ReportPoller(runId, aggregators)) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() ->
                    client.report(runId).map(r -> Reports.graded(r) * 5 >= tasks).orElse(false));
            ServiceProcess aggregatorVictim = replicas.getFirst();
            ServiceProcess graderVictim = graders.getFirst();
            poller.forget(aggregatorVictim);
            long gradedAtKill = Reports.graded(client.report(runId).orElseThrow());
            assertThat(aggregatorVictim.kill()).as("exit code of a JVM killed by SIGKILL").isEqualTo(137);
            assertThat(graderVictim.kill()).as("exit code of a JVM killed by SIGKILL").isEqualTo(137);
            assertThat(gradedAtKill).as("the kills come mid-run").isLessThan(tasks);

            RunReport report = client.awaitComplete(runId, Duration.ofMinutes(6), r -> { });
            poller.close();
            assertThat(Reports.expected(report)).isEqualTo(tasks);
            assertThat(Reports.graded(report)).isEqualTo(tasks);
            for (String benchmark : BENCHMARKS) {
                BenchmarkScore cell = Reports.cell(report, PACED_MODEL, benchmark).orElseThrow();
                assertThat(cell.graded()).as(benchmark).isEqualTo(cell.grading().expected())
                        .isPositive();
            }
            assertThat(Reports.cell(report, PACED_MODEL, "stories").orElseThrow().counts().judged())
                    .as("stories are judged, judges in flight at the grader's kill").isPositive();
            assertThat(poller.refusals()).as("answers other than a whole report or 503 + Retry-After").isEmpty();
            assertThat(poller.wholeAnswers()).as("reports answered during the run; %d answers of 503, the first %s",
                    poller.unavailable(), poller.firstUnavailable).isPositive();

            List<ServiceProcess> survivors = stack.liveAggregators();
            assertThat(survivors).hasSize(2);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonNode first = ReportJson.withoutTimes(fullReport(survivors.getFirst(), runId));
                for (ServiceProcess other : survivors.subList(1, survivors.size())) {
                    assertThat(ReportJson.withoutTimes(fullReport(other, runId))).as(other.name()).isEqualTo(first);
                }
            });

            // The instances' series, summed by Prometheus, are the report: each cell's count on exactly one
            // instance, the run's ETA on exactly one.
            Map<String, Long> reported = new TreeMap<>();
            for (String benchmark : BENCHMARKS) {
                reported.put(benchmark, Reports.cell(report, PACED_MODEL, benchmark).orElseThrow().graded());
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(byBenchmark(prometheus, "sum by (benchmark) (evalstream_graded_samples{run=\"" + runId
                        + "\"})")).isEqualTo(reported);
                assertThat(byBenchmark(prometheus, "sum by (benchmark) (evalstream_expected_samples{run=\"" + runId
                        + "\"})")).isEqualTo(reported);
                assertThat(prometheus.query("count(evalstream_run_eta_seconds{run=\"" + runId + "\"})",
                        Instant.now()).get(0).path("value").get(1).asText()).isEqualTo("1");
                assertThat(prometheus.query("count(evalstream_graded_samples{run=\"" + runId + "\"})",
                        Instant.now()).get(0).path("value").get(1).asText()).isEqualTo("3");
            });
            System.out.printf("Aggregator replicas: %d tasks, %d graded at the kills; during the run %d whole"
                    + " reports and %d answers of 503 from %d instances%n", tasks, gradedAtKill,
                    poller.wholeAnswers(), poller.unavailable(), aggregators.size());
        }
    }

    private static long activePartitions(ServiceProcess aggregator) {
        HttpResponse<String> response = client.get(aggregator.uri("/cluster/tallies"));
        if (response.statusCode() != 200) {
            return 0;
        }
        try {
            return Json.mapper().readTree(response.body()).path("partitions").size();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode fullReport(ServiceProcess aggregator, String runId) throws Exception {
        HttpResponse<String> response = client.get(aggregator.uri("/runs/" + runId + "/report"));
        assertThat(response.statusCode()).as("%s: %s", aggregator.name(), response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static Map<String, Long> byBenchmark(PrometheusServer prometheus, String promql) {
        Map<String, Long> values = new TreeMap<>();
        for (JsonNode sample : prometheus.query(promql, Instant.now())) {
            values.put(sample.path("metric").path("benchmark").asText(),
                    Math.round(Double.parseDouble(sample.path("value").get(1).asText())));
        }
        return values;
    }

    /**
     * Asks every instance for the full report, round and round, while the run goes on. A whole report never shows
     * fewer tasks graded than one answered before it (a partial one, missing a partition, would show about a
     * sixth fewer); the state a new owner restores may trail the old owner's uncommitted reads by a commit
     * interval, so a few tasks less is allowed.
     */
    private static final class ReportPoller implements AutoCloseable {

        private final String runId;
        private final List<ServiceProcess> instances;
        private final Map<String, Boolean> forgotten = new ConcurrentHashMap<>();
        private final List<String> refusals = new CopyOnWriteArrayList<>();
        private final AtomicLong whole = new AtomicLong();
        private final AtomicLong unavailable = new AtomicLong();
        private final AtomicLong mostGraded = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile String firstUnavailable = "none";

        ReportPoller(String runId, List<ServiceProcess> instances) {
            this.runId = runId;
            this.instances = List.copyOf(instances);
            this.thread = Thread.ofPlatform().name("report-poller").daemon().start(this::poll);
        }

        void forget(ServiceProcess instance) {
            forgotten.put(instance.name(), Boolean.TRUE);
        }

        private void poll() {
            while (running.get()) {
                for (ServiceProcess instance : instances) {
                    if (!forgotten.containsKey(instance.name()) && running.get()) {
                        check(instance);
                    }
                }
            }
        }

        private void check(ServiceProcess instance) {
            HttpResponse<String> response;
            try {
                response = client.get(instance.uri("/runs/" + runId + "/report"));
            } catch (RuntimeException e) {
                if (!forgotten.containsKey(instance.name())) {
                    refusals.add(instance.name() + ": " + e);
                }
                return;
            }
            switch (response.statusCode()) {
                case 200 -> {
                    long graded;
                    try {
                        graded = Reports.graded(io.evalstream.reports.render.ReportJson.mapper().readValue(response.body(),
                                RunReport.class));
                    } catch (java.io.IOException e) {
                        refusals.add(instance.name() + ": not JSON");
                        return;
                    }
                    long before = mostGraded.getAndAccumulate(graded, Math::max);
                    if (graded < before - 100) {
                        refusals.add(instance.name() + ": a partial report, " + graded + " graded after " + before);
                    }
                    whole.incrementAndGet();
                }
                case 404 -> { } // before the run's manifest reached the instance
                case 503 -> {
                    if (unavailable.incrementAndGet() == 1) {
                        firstUnavailable = instance.name() + ": " + response.body();
                    }
                    if (response.headers().firstValue("Retry-After").isEmpty()) {
                        refusals.add(instance.name() + ": 503 without Retry-After");
                    }
                }
                default -> refusals.add(instance.name() + ": " + response.statusCode() + " " + response.body());
            }
        }

        List<String> refusals() {
            return refusals;
        }

        long wholeAnswers() {
            return whole.get();
        }

        long unavailable() {
            return unavailable.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(Duration.ofSeconds(60));
        }
    }
}
