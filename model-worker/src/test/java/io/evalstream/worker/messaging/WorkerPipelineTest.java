package io.evalstream.worker.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.DeadLetter;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.StopDecision;
import io.evalstream.contracts.StopRule;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.evalstream.stub.OpenAiStub;
import io.evalstream.worker.StubOpenAiResource;
import io.evalstream.worker.Tasks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubOpenAiResource.class, restrictToAnnotatedClass = false)
@Timeout(300)
@Tag("integration")
class WorkerPipelineTest {

    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);
    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);
    private static final List<String> MODELS = List.of("sim-strong", "sim-medium", "sim-weak",
            StubOpenAiResource.MODEL);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MeterRegistry registry;

    @Test
    void servesEveryValidTaskExactlyOnceEndsUnservedOnesAsErrorsAndDeadLettersEveryBadRecord() throws Exception {
        String runId = newRunId();
        List<PromptTask> tasks = IntStream.range(0, 400).mapToObj(i -> i % 2 == 0
                ? Tasks.numeric(runId, MODELS.get(i % 4), "q" + i, Integer.toString(i))
                : Tasks.choice(runId, MODELS.get(i % 4), "q" + i, "ABCD".substring(i % 4, i % 4 + 1))).toList();
        PromptTask unserved = Tasks.numeric(runId, "no-such-model", "q1", "1");
        PromptTask misKeyed = Tasks.numeric(runId, "sim-strong", "q-mis", "1");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        tasks.forEach(t -> records.add(taskRecord(t.taskId().toString(), t)));
        records.add(new ProducerRecord<>(Topics.TASKS, runId + "/not-json", "{not json".getBytes(StandardCharsets.UTF_8)));
        records.add(taskRecord(unserved.taskId().toString(), unserved));
        records.add(taskRecord(runId + "/sim-strong/gsm8k/q-other/default/0", misKeyed));
        produce(records);

        List<Completion> all = awaitExactly(Topics.COMPLETIONS, runId, tasks.size() + 1).stream()
                .map(r -> {
                    Completion c = decode(r);
                    assertThat(r.key()).isEqualTo(c.taskId().toString());
                    return c;
                }).toList();
        Completion unservedCompletion = all.stream().filter(c -> c.task().equals(unserved)).findFirst().orElseThrow();
        assertThat(unservedCompletion.status()).isEqualTo(CompletionStatus.ERROR);
        assertThat(unservedCompletion.error().kind()).isEqualTo(ErrorKind.NO_WORKER_FOR_MODEL);
        assertThat(unservedCompletion.error().message()).isEqualTo("model 'no-such-model' is not configured"
                + " on this worker; configured: [babyllama-tok105, sim-medium, sim-slow, sim-strong, sim-weak,"
                + " stories260K, stub-batch, stub-breaker, stub-gpt, stub-held, stub-limited, stub-text]");
        List<Completion> completions = all.stream().filter(c -> c != unservedCompletion).toList();
        assertThat(completions).extracting(Completion::task).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(completions).allSatisfy(c -> assertThat(c.status()).isEqualTo(CompletionStatus.OK));
        assertThat(completions).filteredOn(c -> c.taskId().modelId().startsWith("sim-")).hasSize(300)
                .allSatisfy(c -> {
                    assertThat(c.simulated()).isTrue();
                    assertThat(c.backend()).isEqualTo("sim");
                    assertThat(c.text()).startsWith("[simulated]");
                });
        assertThat(completions).filteredOn(c -> c.backend().equals("openai")).hasSize(100)
                .allSatisfy(c -> assertThat(c.text()).isEqualTo(OpenAiStub.ANSWER));

        Map<String, String> reasons = awaitExactly(Topics.DLQ, runId, 2).stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> header(r, DeadLetter.REASON)));
        assertThat(reasons.get(runId + "/not-json")).contains("not a valid JSON PromptTask");
        assertThat(reasons.get(runId + "/sim-strong/gsm8k/q-other/default/0")).contains("differs from the task's taskId");

        awaitAllTaskOffsetsCommitted();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(counter(metrics, "evalstream_model_requests_total{model=\"stub-gpt\",outcome=\"ok\"}"))
                .isGreaterThanOrEqualTo(100);
        assertThat(counter(metrics, "evalstream_dead_letters_total{topic=\"evalstream.tasks\"}"))
                .isGreaterThanOrEqualTo(2);
        assertThat(counter(metrics, "evalstream_terminal_errors_total{kind=\"no_worker_for_model\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics).doesNotContain("model=\"no-such-model\"");
        assertThat(metrics).contains("evalstream_model_latency_seconds_bucket{model=\"sim-weak\"",
                "evalstream_model_tokens_total{direction=\"completion\",model=\"sim-medium\"}",
                "evalstream_worker_in_flight ")
                .doesNotContain(StubOpenAiResource.SECRET);
    }

    @Test
    void servesSlowModelCallsConcurrentlyNotOneAfterAnother() throws Exception {
        // Counted, not timed: the stub holds every call until the worker has its whole max-in-flight (1,024) of them
        // open at once. Served one at a time, or under a small cap, the count stops far below.
        String runId = newRunId();
        String gate = "pipeline-" + runId;
        int count = 2_000;
        int maxInFlight = 1_024;
        OpenAiStub stub = StubOpenAiResource.stub();
        produce(IntStream.range(0, count).mapToObj(i -> Tasks.task(
                        new TaskId(runId, StubOpenAiResource.HELD_MODEL, "gsm8k", "q" + i, "default", 0),
                        Extraction.NUMERIC, Category.MATH, "Question: " + i + " [[stub:hold=" + gate + "]]\nAnswer:", "72",
                        Settings.defaults()))
                .map(t -> taskRecord(t.taskId().toString(), t)).toList());

        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> stub.held(gate) >= maxInFlight);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("only " + stub.peakHeld(gate) + " model calls were ever in flight at once, not "
                    + maxInFlight, e);
        } finally {
            stub.release(gate);
        }
        List<Completion> completions = awaitExactly(Topics.COMPLETIONS, runId, count).stream()
                .map(WorkerPipelineTest::decode).toList();
        assertThat(completions).allSatisfy(c -> assertThat(c.text()).isEqualTo(OpenAiStub.ANSWER));
        assertThat(stub.peakHeld(gate)).as("the cap, max-in-flight, holds").isEqualTo(maxInFlight);
    }

    @Test
    void keepsUpWithThousandsOfSimulatedTasksPerSecond() throws Exception {
        // sim-slow answers after 200 ms on a timer: thousands a second means a thousand calls open at once, which
        // is counted (the worker's in-flight gauge, sampled while the tasks are served) rather than timed, since a
        // loaded machine stretches a run's wall time but not how many calls it keeps open.
        String runId = newRunId();
        int count = 20_000;
        Gauge inFlight = registry.get("evalstream.worker.in.flight").gauge();
        AtomicInteger peak = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(() -> peak.accumulateAndGet((int) inFlight.value(), Math::max), 0, 5,
                TimeUnit.MILLISECONDS);
        long startMillis = System.currentTimeMillis();
        try {
            produce(IntStream.range(0, count).mapToObj(i -> Tasks.numeric(runId, "sim-slow", "q" + i, "7"))
                    .map(t -> taskRecord(t.taskId().toString(), t)).toList());
            try {
                // 1,000 calls of 200 ms open at once serve 5,000 a second.
                await().atMost(Duration.ofSeconds(60)).until(() -> peak.get() >= 1_000);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("only " + peak.get() + " simulated calls were ever in flight at once", e);
            }
            List<ConsumerRecord<String, byte[]>> served = awaitExactly(Topics.COMPLETIONS, runId, count);
            long lastSent = served.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
            double seconds = Math.max(1, lastSent - startMillis) / 1e3;
            // For the record only: wall time on a shared 2-core machine says little; the count above is the check.
            System.out.printf("model-worker: %d simulated 200 ms tasks served in %.2f s (%.0f/s), peak %d in flight%n",
                    count, seconds, count / seconds, peak.get());
        } finally {
            sampler.shutdownNow();
        }
    }

    @Test
    void tasksOfAStoppedComparisonEndAsStoppedEarlyWithoutAModelCallAndOthersAreServed() throws Exception {
        String runId = newRunId();
        StopDecision decision = new StopDecision(1, runId, "gsm8k", StopDecision.Outcome.B_BETTER,
                new StopRule(List.of("sim-weak", "sim-strong"), StopRule.When.DECIDED, 0.05, 0),
                "anytime-valid paired sign test", 120, java.time.Instant.parse("2026-12-07T09:00:00Z"));
        produce(List.of(new ProducerRecord<>(Topics.STOPS, decision.key(),
                WireFormat.of(StopDecision.class).encode(decision))));

        // The worker reads the stops topic on a thread of its own: until it has, tasks are still served.
        AtomicInteger item = new AtomicInteger();
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.COMPLETIONS, runId)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                PromptTask probe = Tasks.numeric(runId, "sim-strong", "q" + item.incrementAndGet(), "1");
                String key = probe.taskId().toString();
                produce(List.of(taskRecord(key, probe)));
                await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().stream()
                        .anyMatch(r -> key.equals(r.key())));
                return reader.poll().stream().filter(r -> key.equals(r.key())).map(WorkerPipelineTest::decode)
                        .anyMatch(c -> c.status() == CompletionStatus.ERROR);
            });
        }
        PromptTask stopped = Tasks.numeric(runId, "sim-weak", "q-after", "1");
        PromptTask other = Tasks.choice(runId, "sim-weak", "q-after", "A");
        produce(List.of(taskRecord(stopped.taskId().toString(), stopped), taskRecord(other.taskId().toString(), other)));

        List<Completion> completions = awaitExactly(Topics.COMPLETIONS, runId, item.get() + 2).stream()
                .map(WorkerPipelineTest::decode).toList();
        Completion stoppedCompletion = completions.stream().filter(c -> c.task().equals(stopped)).findFirst()
                .orElseThrow();
        assertThat(stoppedCompletion.status()).isEqualTo(CompletionStatus.ERROR);
        assertThat(stoppedCompletion.error().kind()).isEqualTo(ErrorKind.STOPPED_EARLY);
        assertThat(stoppedCompletion.error().message()).isEqualTo(decision.describe());
        assertThat(stoppedCompletion.backend()).isEqualTo("none");
        assertThat(stoppedCompletion.latencyMillis()).isZero();
        assertThat(completions.stream().filter(c -> c.task().equals(other)).findFirst().orElseThrow().status())
                .isEqualTo(CompletionStatus.OK);
        assertThat(registry.get("evalstream.terminal.errors").tag("kind", "stopped_early").counter().count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void pricesEveryCompletionFromItsUsageAndLeavesAnUnpricedModelsCostUnknown() throws Exception {
        String runId = newRunId();
        PromptTask priced = Tasks.numeric(runId, StubOpenAiResource.MODEL, "q1", "72");
        PromptTask unpriced = Tasks.numeric(runId, "sim-weak", "q1", "72");
        produce(List.of(taskRecord(priced.taskId().toString(), priced),
                taskRecord(unpriced.taskId().toString(), unpriced)));

        List<Completion> completions = awaitExactly(Topics.COMPLETIONS, runId, 2).stream()
                .map(WorkerPipelineTest::decode).toList();
        Completion stub = completions.stream().filter(c -> c.task().equals(priced)).findFirst().orElseThrow();
        assertThat(stub.status()).isEqualTo(CompletionStatus.OK);
        assertThat(stub.usage().promptTokens()).isPositive();
        double byHand = (stub.usage().promptTokens() * StubOpenAiResource.INPUT_PER_MILLION
                + stub.usage().completionTokens() * StubOpenAiResource.OUTPUT_PER_MILLION) / 1e6;
        assertThat(stub.spend().usd()).isCloseTo(byHand, org.assertj.core.api.Assertions.within(1e-15));
        Completion sim = completions.stream().filter(c -> c.task().equals(unpriced)).findFirst().orElseThrow();
        assertThat(sim.spend()).isNotNull();
        assertThat(sim.spend().usd()).isNull();
    }

    @Test
    void aBudgetEndsTheRestAsBudgetExceededWithoutPassingItAndEveryTaskStillGetsItsCompletion() throws Exception {
        String runId = newRunId();
        int count = 30;
        List<PromptTask> tasks = IntStream.range(0, count)
                .mapToObj(i -> Tasks.numeric(runId, StubOpenAiResource.MODEL, "q" + i, "72")).toList();
        // The stub bills the prompt at 4 characters per token and its answer's 12 words as tokens.
        long prompt = io.evalstream.contracts.Projection.tokens(tasks.getFirst().prompt());
        double perCall = (prompt * StubOpenAiResource.INPUT_PER_MILLION + 12 * StubOpenAiResource.OUTPUT_PER_MILLION)
                / 1e6;
        double mostPerCall = (prompt * StubOpenAiResource.INPUT_PER_MILLION
                + tasks.getFirst().settings().maxTokens() * StubOpenAiResource.OUTPUT_PER_MILLION) / 1e6;
        double limit = 10 * perCall + mostPerCall;
        io.evalstream.contracts.RunSpec spec = new io.evalstream.contracts.RunSpec(runId,
                List.of(StubOpenAiResource.MODEL), List.of(new io.evalstream.contracts.BenchmarkSelection("gsm8k",
                count)), null, 1, null, null, new io.evalstream.contracts.Budget(null,
                Map.of(StubOpenAiResource.MODEL, limit)));
        io.evalstream.contracts.RunManifest manifest = new io.evalstream.contracts.RunManifest(1, spec,
                List.of(new io.evalstream.contracts.ExpectedCount(StubOpenAiResource.MODEL, "gsm8k", Category.MATH,
                        count)), List.of(), java.time.Instant.now());
        produce(List.of(new ProducerRecord<>(Topics.RUNS, runId,
                WireFormat.of(io.evalstream.contracts.RunManifest.class).encode(manifest))));
        produce(tasks.stream().map(task -> taskRecord(task.taskId().toString(), task)).toList());

        List<Completion> completions = awaitExactly(Topics.COMPLETIONS, runId, count).stream()
                .map(WorkerPipelineTest::decode).toList();
        List<Completion> answered = completions.stream().filter(c -> c.status() == CompletionStatus.OK).toList();
        List<Completion> refused = completions.stream().filter(c -> c.status() == CompletionStatus.ERROR).toList();
        assertThat(refused).allSatisfy(c -> {
            assertThat(c.error().kind()).isEqualTo(ErrorKind.BUDGET_EXCEEDED);
            assertThat(c.error().message()).contains("model stub-gpt's budget of $");
            assertThat(c.spend().usd()).isZero();
        });
        double spent = answered.stream().mapToDouble(c -> c.spend().usd()).sum();
        // One replica holds every call in flight at its most, so it never passes the budget; and it waits for its own
        // calls to end before refusing, so it stops only when the next call's most would not fit.
        assertThat(spent).isLessThanOrEqualTo(limit);
        assertThat(answered).hasSizeGreaterThanOrEqualTo(10);
        assertThat(spent + mostPerCall).isGreaterThan(limit);
        assertThat(refused).hasSize(count - answered.size()).isNotEmpty();
        assertThat(registry.get("evalstream.terminal.errors").tag("kind", "budget_exceeded").counter().count())
                .isGreaterThanOrEqualTo(refused.size());
    }

    private static String newRunId() {
        return "run-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ProducerRecord<String, byte[]> taskRecord(String key, PromptTask task) {
        return new ProducerRecord<>(Topics.TASKS, key, TASKS.encode(task));
    }

    private void produce(List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = records.stream().map(producer::send).toList();
            for (Future<RecordMetadata> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits for {@code count} records of the run, then checks for two more seconds that no more arrive. */
    private List<ConsumerRecord<String, byte[]>> awaitExactly(String topic, String runId, int count) {
        try (TopicReader reader = new TopicReader(bootstrapServers, topic, runId)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> reader.poll().size() >= count);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> reader.poll().size() == count);
            List<ConsumerRecord<String, byte[]>> records = reader.poll();
            assertThat(records.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).hasSize(count);
            return records;
        }
    }

    private void awaitAllTaskOffsetsCommitted() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("evalstream-worker").partitionsToOffsetAndMetadata().get();
                Set<TopicPartition> partitions = committed.keySet().stream()
                        .filter(p -> p.topic().equals(Topics.TASKS)).collect(Collectors.toSet());
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                assertThat(partitions).isNotEmpty();
                partitions.forEach(p -> assertThat(committed.get(p).offset()).as("committed offset of %s", p)
                        .isEqualTo(ends.get(p).offset()));
            });
        }
    }

    private static Completion decode(ConsumerRecord<String, byte[]> record) {
        return switch (COMPLETIONS.decode(record.value())) {
            case io.evalstream.contracts.Decoded.Valid<Completion> valid -> valid.value();
            case io.evalstream.contracts.Decoded.Invalid<Completion> invalid ->
                    throw new AssertionError("unreadable completion: " + invalid.reason());
        };
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s on %s", name, record.key()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static double counter(String metrics, String series) {
        Matcher matcher = Pattern.compile(Pattern.quote(series) + " ([0-9.eE+]+)").matcher(metrics);
        assertThat(matcher.find()).as("series %s in /q/metrics", series).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
