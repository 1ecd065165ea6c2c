package io.evalstream.stack;

import io.evalstream.broker.FreePorts;
import io.evalstream.broker.LocalKafka;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline on this machine: a real Kafka broker and the four packaged services, each its own
 * process on a free port. Closing it stops everything it started.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final StackOptions options;
    private final LocalKafka kafka;
    private final List<ServiceProcess> services = new ArrayList<>();
    private ServiceProcess producer;
    private ServiceProcess aggregator;

    private LocalStack(StackOptions options, LocalKafka kafka) {
        this.options = options;
        this.kafka = kafka;
    }

    public static LocalStack start(StackOptions options) {
        requireBuilt(options.home());
        Path kafkaDir = options.workDir().resolve("kafka");
        LocalKafka kafka = options.defaultPorts() ? LocalKafka.start(kafkaDir, DefaultPorts.KAFKA)
                : LocalKafka.start(kafkaDir);
        LocalStack stack = new LocalStack(options, kafka);
        try {
            stack.startServices();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public URI producer(String path) {
        return producer.uri(path);
    }

    public URI aggregator(String path) {
        return aggregator.uri(path);
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** One line per process: what it is and where it listens. */
    public String describe() {
        StringBuilder out = new StringBuilder("  kafka           " + kafka.bootstrapServers() + "\n");
        services.forEach(service -> out.append(String.format("  %-15s %s   log %s%n", service.name(),
                service.uri(""), service.log())));
        return out.toString();
    }

    public Path workDir() {
        return options.workDir();
    }

    private void startServices() {
        Map<String, String> common = Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.banner.enabled", "false");
        Map<String, String> producerProps = new HashMap<>(common);
        if (options.datasetsDir() != null) {
            producerProps.put("evalstream.producer.datasets-dir", options.datasetsDir().toString());
        }
        if (options.benchmarksDir() != null) {
            producerProps.put("evalstream.producer.benchmarks-dir", options.benchmarksDir().toString());
        }
        Map<String, String> workerProps = new HashMap<>(common);
        workerProps.putAll(options.workerProperties());
        Map<String, String> aggregatorProps = new HashMap<>(common);
        aggregatorProps.put("kafka-streams.state.dir", options.workDir().resolve("streams-state").toString());

        producer = add("prompt-producer", DefaultPorts.PRODUCER, producerProps);
        add("model-worker", DefaultPorts.WORKER, workerProps);
        add("grader-service", DefaultPorts.GRADER, common);
        aggregator = add("aggregator", DefaultPorts.AGGREGATOR, aggregatorProps);
        services.forEach(ServiceProcess::start);
        services.forEach(service -> service.awaitReady(READY_TIMEOUT));
    }

    private ServiceProcess add(String module, int defaultPort, Map<String, String> properties) {
        int port = options.defaultPorts() ? defaultPort : FreePorts.next();
        Map<String, String> all = new HashMap<>(properties);
        all.put("quarkus.http.port", Integer.toString(port));
        Path jar = jar(options.home(), module);
        ServiceProcess service = new ServiceProcess(module, port, ServiceProcess.javaCommand(jar, all, "768m"),
                options.workDir().resolve("logs").resolve(module + ".log"));
        services.add(service);
        return service;
    }

    static Path jar(Path home, String module) {
        return home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static void requireBuilt(Path home) {
        for (String module : List.of("prompt-producer", "model-worker", "grader-service", "aggregator")) {
            if (!Files.isRegularFile(jar(home, module))) {
                throw new IllegalStateException(module + " is not built (" + jar(home, module)
                        + " is missing); run ./mvnw -B install -DskipTests from " + home);
            }
        }
    }

    @Override
    public void close() {
        services.reversed().forEach(ServiceProcess::stop);
        kafka.stop();
    }
}
