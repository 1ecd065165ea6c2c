package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.RunAccepted;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.Topics;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.RunReport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Horizontal scale: three model-worker replicas in one consumer group share a run's tasks; one killed with
 * SIGKILL mid-run leaves nothing behind, because its uncommitted tasks are redone by the others and the
 * aggregator counts each task once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@Tag("integration")
class WorkerReplicasTest extends SharedStack {

    private static final String GROUP = "evalstream-worker";
    private static final List<String> BENCHMARKS = List.of("gsm8k", "mmlu");
    /** About 30 s for three replicas serving 32 paced tasks a second each. */
    private static final int TARGET_TASKS = 3_000;

    private static final List<ServiceProcess> added = new ArrayList<>();

    @AfterAll
    static void backToOneReplica() {
        // The other end-to-end tests share this stack; they found one replica and get one back.
        added.forEach(stack::removeReplica);
    }

    @Test
    void threeReplicasShareTheTasksAndOneKilledMidRunLeavesExactCounts() throws Exception {
        added.addAll(stack.startWorkers(3 - stack.liveWorkers().size()));
        List<ServiceProcess> replicas = stack.liveWorkers();
        assertThat(replicas).hasSize(3);
        int partitions = ConsumerGroups.partitions(stack.bootstrapServers(), Topics.TASKS);
        awaitGroup(replicas.size(), partitions);

        String runId = "e2e-replicas-" + System.currentTimeMillis();
        int samples = samplesFor(TARGET_TASKS);
        long tasks = SampleItems.tasks(List.of(PACED_MODEL), BENCHMARKS, null, samples);
        HttpResponse<String> accepted = client.submit(RunSpecs.json(runId, List.of(PACED_MODEL), BENCHMARKS, null,
                new SettingsOverrides(0, false, 0.7, null, 64, 7L, null), samples));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(Json.mapper().readValue(accepted.body(), RunAccepted.class).tasks()).as("tasks accepted")
                .isEqualTo(tasks);
        long started = System.nanoTime();

        // The kill must find the victim with work left: a quarter of the tasks served, and some graded.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() ->
                replicas.stream().allMatch(replica -> requests(replica) > 0)
                        && served(replicas) * 4 >= tasks
                        && client.report(runId).map(r -> Reports.graded(r) > 0).orElse(false));
        Map<String, Long> beforeKill = requestsPerReplica(replicas);
        RunReport atKill = client.report(runId).orElseThrow();
        assertThat(beforeKill.values().stream().mapToLong(Long::longValue).sum()).as("the kill comes mid-run")
                .isLessThan(tasks);
        assertThat(Reports.graded(atKill)).isLessThan(tasks);

        ServiceProcess victim = added.getFirst();
        long killedAt = System.nanoTime();
        assertThat(victim.kill()).as("exit code of a JVM killed by SIGKILL").isEqualTo(137);
        awaitGroup(2, partitions);
        double recoverySeconds = (System.nanoTime() - killedAt) / 1e9;
        ServiceProcess replacement = stack.startWorker();
        added.add(replacement);
        awaitGroup(3, partitions);
        double replacedSeconds = (System.nanoTime() - killedAt) / 1e9;

        RunReport report = client.awaitComplete(runId, Duration.ofMinutes(5), r -> { });
        double runSeconds = (System.nanoTime() - started) / 1e9;
        long expected = Reports.expected(report);
        assertThat(expected).isEqualTo(tasks);
        for (String benchmark : BENCHMARKS) {
            BenchmarkScore cell = Reports.cell(report, PACED_MODEL, benchmark).orElseThrow();
            assertThat(cell.graded()).as("graded of %s", benchmark)
                    .isEqualTo(cell.grading().expected()).isEqualTo(SampleItems.of(benchmark, null) * samples);
        }
        List<String> gradedIds = gradedTaskIds(runId);
        Set<String> distinct = new HashSet<>(gradedIds);
        assertThat((long) distinct.size()).as("distinct task ids on the grades topic").isEqualTo(expected);

        System.out.printf("Worker replicas: %d tasks (%d graded before the kill) in %.1f s; served before the kill %s,"
                + " in all %s; partitions reassigned %.1f s after the kill, replacement in the group after %.1f s;"
                + " %d grades on the topic for %d tasks (%d redone)%n", expected, Reports.graded(atKill),
                runSeconds, beforeKill, requestsPerReplica(stack.liveWorkers()), recoverySeconds, replacedSeconds,
                gradedIds.size(), distinct.size(), gradedIds.size() - distinct.size());
    }

    private static void awaitGroup(int members, int partitions) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                ConsumerGroups.settled(stack.bootstrapServers(), GROUP, Topics.TASKS, members, partitions));
    }

    /** Samples per item so that the run has about {@code tasks} tasks. */
    private static int samplesFor(int tasks) {
        long items = SampleItems.tasks(List.of(PACED_MODEL), BENCHMARKS, null, 1);
        assertThat(items).as("items of %s", BENCHMARKS).isPositive();
        return (int) Math.max(1, tasks / items);
    }

    private static long served(List<ServiceProcess> replicas) {
        return replicas.stream().mapToLong(WorkerReplicasTest::requests).sum();
    }

    private static Map<String, Long> requestsPerReplica(List<ServiceProcess> replicas) {
        Map<String, Long> counts = new LinkedHashMap<>();
        replicas.forEach(replica -> counts.put(replica.name(), requests(replica)));
        return counts;
    }

    /** The paced model's calls a replica has made, over all outcomes, from its own Prometheus endpoint. */
    private static long requests(ServiceProcess replica) {
        String text = client.get(replica.uri("/q/metrics")).body();
        Matcher line = Pattern.compile("(?m)^evalstream_model_requests_total\\{([^}]*)} (\\S+)$").matcher(text);
        double total = 0;
        while (line.find()) {
            if (line.group(1).contains("model=\"" + PACED_MODEL + "\"")) {
                total += Double.parseDouble(line.group(2));
            }
        }
        return Math.round(total);
    }

    private static List<String> gradedTaskIds(String runId) {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(stack.bootstrapServers(), Topics.GRADES)) {
            if (record.key() != null && record.key().startsWith(runId + "/")) {
                ids.add(record.key());
            }
        }
        return ids;
    }
}
