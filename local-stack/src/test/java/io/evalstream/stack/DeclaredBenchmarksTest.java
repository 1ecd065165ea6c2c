package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.BenchmarkSettings;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.RunAccepted;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.WireFormat;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.GroupScore;
import io.evalstream.reports.scoring.PassAtKScore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every built-in benchmark through the packaged services: the declared settings are recorded from the producer's
 * answer to the report, code completions are really executed (a completion passes exactly when it is the reference
 * solution), and a sampled HumanEval run reports pass@k.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@Tag("integration")
class DeclaredBenchmarksTest extends SharedStack {

    private static final List<String> MODELS = List.of("sim-strong", "sim-weak");
    private static final String CODE_LABEL = "    # [simulated]\n";

    @Test
    void everyBuiltInBenchmarkRunsWithItsDeclaredSettingsRecordedAndCodeIsGradedByRunningIt() throws Exception {
        String runId = "e2e-declared-" + System.currentTimeMillis();
        List<String> benchmarks = client.benchmarkIds();
        assertThat(benchmarks).contains("gsm8k", "mmlu", "math", "humaneval", "drop", "triviaqa");

        HttpResponse<String> accepted = client.submit(RunSpecs.json(runId, MODELS, benchmarks, null,
                SettingsOverrides.NONE, 1));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        List<BenchmarkSettings> recorded = Json.mapper().readValue(accepted.body(), RunAccepted.class)
                .benchmarkSettings();
        client.awaitComplete(runId, Duration.ofMinutes(5), report -> { });
        FullRunReport report = client.fullReport(runId).orElseThrow();

        assertThat(report.benchmarkSettings()).isEqualTo(recorded);
        assertThat(setting(recorded, "gsm8k").settings().shots()).isEqualTo(8);
        assertThat(setting(recorded, "gsm8k").settings().chainOfThought()).isTrue();
        assertThat(setting(recorded, "mmlu").settings().shots()).isEqualTo(5);
        assertThat(report.scores()).hasSize(MODELS.size() * benchmarks.size());
        assertThat(report.groups().stream().map(GroupScore::group)).as("MMLU groups").contains("stem");

        Map<String, String> codeAnswers = new HashMap<>();
        for (var record : TopicReader.readAll(stack.bootstrapServers(), Topics.COMPLETIONS)) {
            if (record.key() != null && record.key().startsWith(runId + "/")
                    && record.key().contains("/humaneval/")
                    && WireFormat.of(Completion.class).decode(record.value()) instanceof Decoded.Valid<Completion> c) {
                codeAnswers.put(record.key(), c.value().text().equals(CODE_LABEL + c.value().task().reference())
                        ? "reference" : "other");
            }
        }
        int checked = 0;
        for (var record : TopicReader.readAll(stack.bootstrapServers(), Topics.GRADES)) {
            if (codeAnswers.containsKey(record.key())
                    && WireFormat.of(Grade.class).decode(record.value()) instanceof Decoded.Valid<Grade> grade) {
                assertThat(grade.value().verdict() == Verdict.CORRECT).as("grade of %s", record.key())
                        .isEqualTo(codeAnswers.get(record.key()).equals("reference"));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(codeAnswers.size()).isGreaterThan(0);
        assertThat(codeAnswers).containsValues("reference", "other");

        assertCodeIsRun(codeAnswers.keySet().stream().sorted().limit(2).toList());
    }

    /**
     * The simulated models answer with the reference or a wrong program, which a grader comparing code as text would
     * grade alike. So two of the run's completions go round again with programs no text comparison can grade: the
     * reference behind a harmless extra statement (other text, same behaviour: CORRECT), and the reference behind a
     * raise (INCORRECT, with the traceback only running it produces), while the grader's execution counter moves.
     */
    private static void assertCodeIsRun(List<String> taskIds) throws Exception {
        Map<String, byte[]> completions = new HashMap<>();
        for (var record : TopicReader.readAll(stack.bootstrapServers(), Topics.COMPLETIONS)) {
            if (taskIds.contains(record.key())) {
                completions.put(record.key(), record.value());
            }
        }
        String rewritten = taskIds.get(0);
        String broken = taskIds.get(1);
        double executionsBefore = codeExecutions();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.COMPLETIONS, rewritten, withProgram(completions.get(rewritten),
                    "    evalstream_rewritten = True\n"))).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.COMPLETIONS, broken, withProgram(completions.get(broken),
                    "    raise ValueError('evalstream: deliberately wrong')\n"))).get(30, TimeUnit.SECONDS);
        }

        Map<String, Grade> regraded = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> latestOfSecondGrades(taskIds), grades -> grades.size() == taskIds.size());
        assertThat(regraded.get(rewritten).verdict()).as("the reference behind an extra statement: %s",
                regraded.get(rewritten)).isEqualTo(Verdict.CORRECT);
        assertThat(regraded.get(broken).verdict()).isEqualTo(Verdict.INCORRECT);
        assertThat(regraded.get(broken).evidence().detail()).as("the sandbox's failure detail")
                .contains("ValueError: evalstream: deliberately wrong");
        assertThat(codeExecutions()).as("evalstream_code_executions_total").isGreaterThanOrEqualTo(executionsBefore + 2);
    }

    /** The completion with its program replaced by {@code prefix} followed by the task's reference solution. */
    private static byte[] withProgram(byte[] completion, String prefix) throws Exception {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(completion);
        String reference = node.path("task").path("reference").asText();
        assertThat(reference).as("reference of %s", node.path("taskId")).isNotBlank();
        node.put("text", CODE_LABEL + prefix + reference);
        return Json.mapper().writeValueAsBytes(node);
    }

    /** The latest grade of each task that has been graded twice (once in the run, once more here). */
    private static Map<String, Grade> latestOfSecondGrades(List<String> taskIds) {
        Map<String, List<Grade>> grades = new HashMap<>();
        for (var record : TopicReader.readAll(stack.bootstrapServers(), Topics.GRADES)) {
            if (taskIds.contains(record.key())
                    && WireFormat.of(Grade.class).decode(record.value()) instanceof Decoded.Valid<Grade> grade) {
                grades.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(grade.value());
            }
        }
        Map<String, Grade> latest = new HashMap<>();
        grades.forEach((key, all) -> {
            if (all.size() >= 2) {
                latest.put(key, all.getLast());
            }
        });
        return latest;
    }

    @Test
    void aSampledHumanEvalRunReportsPassAtKWherePassAtOneIsTheAccuracy() throws Exception {
        String runId = "e2e-passk-" + System.currentTimeMillis();
        HttpResponse<String> accepted = client.submit(RunSpecs.json(runId, MODELS, List.of("humaneval"), null,
                new SettingsOverrides(null, null, 0.8, null, null, null, null), 10));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        client.awaitComplete(runId, Duration.ofMinutes(5), report -> { });
        FullRunReport report = client.fullReport(runId).orElseThrow();

        for (String model : MODELS) {
            BenchmarkScore cell = Reports.cell(report, model, "humaneval").orElseThrow();
            PassAtKScore passAtK = report.passAtK().stream().filter(candidate -> candidate.modelId().equals(model))
                    .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("no pass@k of " + model));
            assertThat(passAtK.minSamples()).isEqualTo(10);
            assertThat(passAtK.estimates().stream().map(PassAtKScore.Estimate::k)).containsExactly(1, 10);
            double passAt1 = passAtK.estimates().get(0).value();
            double passAt10 = passAtK.estimates().get(1).value();
            assertThat(passAt1).isCloseTo(cell.accuracy().value(), within(1e-9));
            assertThat(passAt10).isGreaterThanOrEqualTo(passAt1);
        }
    }

    @Test
    void sixSamplesAtTemperatureZeroAreRefusedNamingTheFields() {
        HttpResponse<String> refused = client.submit(RunSpecs.json("e2e-greedy-" + System.currentTimeMillis(),
                MODELS, List.of("humaneval"), null, new SettingsOverrides(null, null, 0.0, null, null, null, null), 6));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("temperature").contains("samplesPerItem");
    }

    private static BenchmarkSettings setting(List<BenchmarkSettings> recorded, String benchmarkId) {
        for (BenchmarkSettings entry : recorded) {
            if (entry.benchmarkId().equals(benchmarkId)) {
                return entry;
            }
        }
        throw new AssertionError("no recorded settings for " + benchmarkId + " in " + recorded);
    }
}
