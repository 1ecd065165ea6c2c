package io.evalstream.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.broker.FreePorts;
import io.evalstream.broker.LocalKafka;
import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.SchemaVersion;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.SettingsHash;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.contracts.TopicAdmin;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.evalstream.stub.OpenAiStub;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One packaged model worker against a local OpenAI-compatible server that answers every call after a fixed
 * 500 ms: with 2,000 calls in flight the ideal is 2,000 / 0.5 s = 4,000 tasks/s. Measures completions per
 * second in the steady state (between 20% and 90% of the tasks completed, so the ramp-up and the tail do not
 * count) and prints the ratio to the ideal as one JSON line.
 *
 * <p>A warm-up run of half as many tasks goes first, as in the end-to-end bench: a worker runs for hours, and a
 * cold one spends a third of its CPU in the JIT compiler for its first half minute (C2 alone took a fifth of
 * both cores in a profile of a cold run), which on two shared cores is CPU the event loops do not get. The
 * warm-up's own ratio is printed too, as {@code cold_ratio}.
 */
final class WorkerBench {

    static final int IN_FLIGHT = 2_000;
    static final Duration LATENCY = Duration.ofMillis(500);
    private static final double IDEAL_TASKS_PER_S = IN_FLIGHT / (LATENCY.toMillis() / 1e3);
    private static final String MODEL = "bench-openai";
    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);
    private static final WireFormat<RunManifest> MANIFESTS = WireFormat.of(RunManifest.class);

    private WorkerBench() {
    }

    /** Runs the bench with {@code tasks} tasks in {@code workDir}; returns the JSON line. */
    static String run(Path home, Path workDir, int tasks) throws Exception {
        try (LocalKafka kafka = LocalKafka.start(workDir.resolve("worker-bench-kafka"));
                OpenAiStub stub = OpenAiStub.start(OpenAiStub.StubOptions.fixedLatency(LATENCY).withEventLoops(2))) {
            KafkaClients clients = KafkaClients.plaintext(kafka.bootstrapServers());
            TopicAdmin.ensureTopics(clients, LocalKafka.DEFAULT_PARTITIONS, (short) 1);
            ServiceProcess worker = worker(home, workDir, kafka.bootstrapServers(), stub.baseUrl());
            // On Ctrl-C the worker and the broker must be gone before the work directory is deleted.
            Runnable stopOnExit = () -> {
                worker.stop();
                kafka.stop();
            };
            ExitHook.stopAtExit(stopOnExit);
            worker.start();
            try {
                worker.awaitReady(Duration.ofSeconds(180));
                int warmupTasks = Math.max(tasks / 2, 1);
                List<long[]> warmup = measure(clients, "worker-bench-warmup-" + System.currentTimeMillis(),
                        warmupTasks, System.nanoTime());
                long warmupRequests = stub.totalRequests();
                Duration[] cpuBefore = {worker.cpuTime(), kafka.cpuTime(), ownCpu()};
                long start = System.nanoTime();
                List<long[]> progress = measure(clients, "worker-bench-" + System.currentTimeMillis(), tasks, start);
                ObjectNode line = line(progress, tasks, (System.nanoTime() - start) / 1e9,
                        stub.totalRequests() - warmupRequests);
                line.put("warmup_tasks", warmupTasks)
                        .put("cold_ratio", ratio(rateBetween(warmup, warmupTasks, 0.2, 0.9)));
                // Where the CPU went: the worker, the broker, and this JVM (the stub server, producer, reader).
                line.put("worker_cpu_s", seconds(worker.cpuTime().minus(cpuBefore[0])))
                        .put("broker_cpu_s", seconds(kafka.cpuTime().minus(cpuBefore[1])))
                        .put("stub_and_client_cpu_s", seconds(ownCpu().minus(cpuBefore[2])));
                return Json.mapper().writeValueAsString(line);
            } finally {
                ExitHook.forget(stopOnExit);
                worker.stop();
            }
        }
    }

    private static ServiceProcess worker(Path home, Path workDir, String bootstrap, String baseUrl) {
        int port = FreePorts.next();
        String model = "evalstream.worker.models." + MODEL + ".";
        Map<String, String> properties = Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "quarkus.http.port", Integer.toString(port),
                "quarkus.banner.enabled", "false",
                "evalstream.worker.max-in-flight", Integer.toString(IN_FLIGHT),
                model + "backend", "openai",
                model + "openai.base-url", baseUrl,
                model + "limits.max-concurrency", Integer.toString(IN_FLIGHT),
                model + "request-timeout", "30s");
        return new ServiceProcess("model-worker", port,
                ServiceProcess.javaCommand(LocalStack.jar(home, "model-worker"), workDir.resolve("tmp/worker-bench"),
                        properties, "1g"),
                workDir.resolve("logs").resolve("worker-bench.log"));
    }

    /** Publishes a run of {@code count} tasks and follows its completions: (nanos since start, count) points. */
    private static List<long[]> measure(KafkaClients clients, String runId, int count, long start) throws Exception {
        Map<TopicPartition, Long> from = completionsEnd(clients);
        publish(clients, runId, count);
        return awaitCompletions(clients, runId, count, start, from);
    }

    private static Map<TopicPartition, Long> completionsEnd(KafkaClients kafka) {
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("worker-bench", Map.of())) {
            return consumer.endOffsets(consumer.partitionsFor(Topics.COMPLETIONS).stream()
                    .map(p -> new TopicPartition(Topics.COMPLETIONS, p.partition())).toList());
        }
    }

    private static void publish(KafkaClients kafka, String runId, int count) throws Exception {
        Settings settings = Settings.defaults();
        try (KafkaProducer<String, byte[]> producer = kafka.producer("worker-bench", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 131072, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"))) {
            // The run's manifest first, as the producer publishes it: the worker looks every task's run up, and a
            // run without one would be looked for on the runs topic again for every task.
            RunSpec spec = new RunSpec(runId, List.of(MODEL), List.of(new BenchmarkSelection("gsm8k", count)),
                    SettingsOverrides.NONE, 1);
            RunManifest manifest = new RunManifest(SchemaVersion.CURRENT, spec,
                    List.of(new ExpectedCount(MODEL, "gsm8k", Category.MATH, count)), List.of(), Instant.now());
            producer.send(new ProducerRecord<>(Topics.RUNS, runId, MANIFESTS.encode(manifest))).get(60,
                    TimeUnit.SECONDS);
            List<Future<RecordMetadata>> sends = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                TaskId id = new TaskId(runId, MODEL, "gsm8k", "q" + i, "default", 0);
                PromptTask task = PromptTask.of(id, Purpose.EVAL, "Question: Natalia sold"
                        + " clips to 48 of her friends in April, and then she sold half as many clips in May. How many"
                        + " clips did Natalia sell altogether in April and May? (" + i + ")\nAnswer:",
                        AnswerKey.of(Extraction.NUMERIC, "72"), TaskSetup.of(Category.MATH, settings,
                        SettingsHash.of(settings, Extraction.NUMERIC, Extraction.NUMERIC.defaultMetric(), id.variant(),
                        "worker-bench")));
                sends.add(producer.send(new ProducerRecord<>(Topics.TASKS, id.toString(), TASKS.encode(task))));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Completions of the run after {@code from}, counted as they arrive: (nanos since start, count) points. */
    private static List<long[]> awaitCompletions(KafkaClients kafka, String runId, int count, long start,
            Map<TopicPartition, Long> from) {
        List<long[]> progress = new ArrayList<>();
        String prefix = runId + "/";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("worker-bench", Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000))) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long seen = 0;
            while (seen < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + count + " completions within 10 min");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() != null && record.key().startsWith(prefix)) {
                        seen++;
                    }
                }
                progress.add(new long[] {System.nanoTime() - start, seen});
            }
        }
        return progress;
    }

    private static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static double seconds(Duration duration) {
        return Math.round(duration.toMillis() / 10.0) / 100.0;
    }

    private static ObjectNode line(List<long[]> progress, int tasks, double seconds, long stubRequests) {
        double rate = rateBetween(progress, tasks, 0.2, 0.9);
        ObjectNode line = Json.mapper().createObjectNode()
                .put("bench", "worker_openai_latency")
                .put("in_flight", IN_FLIGHT)
                .put("latency_ms", LATENCY.toMillis())
                .put("tasks_per_s", Math.round(rate))
                .put("ideal_tasks_per_s", Math.round(IDEAL_TASKS_PER_S))
                .put("ratio", ratio(rate))
                .put("tasks", tasks)
                .put("seconds", Math.round(seconds * 100) / 100.0)
                .put("overall_tasks_per_s", Math.round(tasks / seconds))
                .put("server_requests", stubRequests)
                .put("cpus", Runtime.getRuntime().availableProcessors());
        return line;
    }

    private static double ratio(double rate) {
        return Math.round(rate / IDEAL_TASKS_PER_S * 1000) / 1000.0;
    }

    /** Completions per second while the count went from {@code from} to {@code to} of {@code total}. */
    static double rateBetween(List<long[]> progress, long total, double from, double to) {
        long[] first = progress.stream().filter(p -> p[1] >= from * total).findFirst().orElseThrow();
        long[] last = progress.stream().filter(p -> p[1] >= to * total).findFirst().orElseThrow();
        return last[0] == first[0] ? Double.NaN : (last[1] - first[1]) / ((last[0] - first[0]) / 1e9);
    }
}
