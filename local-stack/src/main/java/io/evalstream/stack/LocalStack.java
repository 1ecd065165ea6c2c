package io.evalstream.stack;

import io.evalstream.broker.FreePorts;
import io.evalstream.broker.LocalKafka;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.evalctl.CliException;
import io.evalstream.evalctl.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole pipeline on this machine: a real Kafka broker and the four packaged services, each its own
 * process on a free port, with one or more model-worker replicas in one consumer group. Closing it stops
 * everything it started.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final String WORKER = "model-worker";
    /** Each service's heap limit; in a million-task soak none keeps more than 60 MB live after a full collection. */
    private static final String HEAP = "768m";

    private final StackOptions options;
    private final LocalKafka kafka;
    private final ApiToken token;
    private final SandboxScratch sandboxScratch = SandboxScratch.create();
    // Replicas come and go while the stack runs (kill, replace), and readers iterate meanwhile.
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final List<ServiceProcess> workers = new CopyOnWriteArrayList<>();
    private final Runnable stopOnExit = this::stop;
    private final List<ServiceProcess> aggregators = new CopyOnWriteArrayList<>();
    private Map<String, String> workerProperties;
    private Map<String, String> graderProperties;
    private int graderReplicas = 1;
    private ServiceProcess producer;
    private volatile ServiceProcess aggregator;
    private int aggregatorGeneration;
    private StackIdentities identities;

    private LocalStack(StackOptions options, LocalKafka kafka) {
        this.options = options;
        this.kafka = kafka;
        this.token = ApiToken.create(options.dirs().workDir().resolve("api-token"));
    }

    public static LocalStack start(StackOptions options) {
        requireBuilt(options.dirs().home());
        if (options.defaultPorts()) {
            DefaultPorts.requireFree();
        }
        Path kafkaDir = options.dirs().workDir().resolve("kafka");
        int port = options.defaultPorts() ? DefaultPorts.KAFKA : FreePorts.next();
        LocalKafka kafka = options.secure() ? LocalKafka.startSecure(kafkaDir, port, options.fixedHeaps())
                : LocalKafka.start(kafkaDir, port, options.fixedHeaps());
        LocalStack stack = new LocalStack(options, kafka);
        // Ctrl-C or a SIGTERM to whatever started the stack must not leave a broker and four JVMs behind.
        ExitHook.stopAtExit(stack.stopOnExit);
        try {
            stack.identities = stack.kafka.security().map(security -> StackIdentities.provision(security,
                    options.dirs().workDir().resolve("secrets"))).orElse(null);
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

    /** Clients for the stack's broker with every right: for tests, benches and tools, never for a service. */
    public KafkaClients kafkaClients() {
        return kafka.security().map(security -> KafkaClients.of(security.adminSettings()))
                .orElseGet(() -> KafkaClients.plaintext(kafka.bootstrapServers()));
    }

    /** On a secured stack, who logs in how; empty on an open one. */
    public Optional<StackIdentities> identities() {
        return Optional.ofNullable(identities);
    }

    /** The bearer token the prompt-producer and the aggregator accept, new for every stack. */
    public ApiToken token() {
        return token;
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

    /** The model-worker replicas that are running, in start order. */
    public List<ServiceProcess> liveWorkers() {
        return workers.stream().filter(ServiceProcess::isAlive).toList();
    }

    /**
     * Starts one more model-worker replica (the same consumer group, its own port and log) and waits until it
     * is ready; as a replacement for a killed one, or to scale out while a run goes on.
     */
    public ServiceProcess startWorker() {
        return startWorkers(1).getFirst();
    }

    /** Starts {@code count} more replicas at once (they boot in parallel) and waits until all are ready. */
    public List<ServiceProcess> startWorkers(int count) {
        List<ServiceProcess> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(addWorker());
        }
        started.forEach(ServiceProcess::start);
        started.forEach(worker -> worker.awaitReady(READY_TIMEOUT));
        return started;
    }

    /**
     * Kills the aggregator with SIGKILL and starts a new one on the same port with an empty state directory, so
     * everything it serves afterwards must come back from the changelog topics; returns when it is ready.
     */
    public void replaceAggregator() {
        ServiceProcess killed = aggregator;
        killed.kill();
        services.remove(killed);
        int generation = ++aggregatorGeneration;
        aggregator = add("aggregator-" + generation, "aggregator", killed.port(),
                aggregatorProperties(options.dirs().workDir().resolve("streams-state-" + generation)), List.of());
        aggregator.start();
        aggregator.awaitReady(READY_TIMEOUT);
    }

    /**
     * Starts {@code count} more aggregator instances (the same Kafka Streams application, each with its own port and
     * state directory) and waits until they are ready; the partitions spread over all instances, and any of them
     * answers any REST call whole.
     */
    public List<ServiceProcess> startAggregators(int count) {
        List<ServiceProcess> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "aggregator-r" + (aggregators.size() + 1);
            ServiceProcess replica = add(name, "aggregator", FreePorts.next(),
                    aggregatorProperties(options.dirs().workDir().resolve("streams-state-" + name)), List.of());
            aggregators.add(replica);
            started.add(replica);
        }
        started.forEach(ServiceProcess::start);
        started.forEach(replica -> replica.awaitReady(READY_TIMEOUT));
        return started;
    }

    /** The aggregator instances that are running: the first one and those {@link #startAggregators started} since. */
    public List<ServiceProcess> liveAggregators() {
        List<ServiceProcess> all = new ArrayList<>(List.of(aggregator));
        all.addAll(aggregators);
        return all.stream().filter(ServiceProcess::isAlive).toList();
    }

    /** Starts {@code count} more grader replicas (the same consumer group) and waits until they are ready. */
    public List<ServiceProcess> startGraders(int count) {
        List<ServiceProcess> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(add("grader-service-" + ++graderReplicas, "grader-service", FreePorts.next(),
                    graderProperties, List.of()));
        }
        started.forEach(ServiceProcess::start);
        started.forEach(replica -> replica.awaitReady(READY_TIMEOUT));
        return started;
    }

    /**
     * Stops a replica (worker, grader or aggregator) with SIGTERM, as a scale-down would: it leaves its group at once,
     * and the stack's services no longer list it. A killed one is forgotten the same way (one killed and left listed
     * is for a supervisor to {@link #restart}).
     */
    public void removeReplica(ServiceProcess replica) {
        replica.stop();
        services.remove(replica);
        aggregators.remove(replica);
    }

    /** The running service named {@code name}: a replica's name, {@code grader-service}, {@code prompt-producer}. */
    public ServiceProcess service(String name) {
        return services.stream().filter(service -> service.name().equals(name) && service.isAlive()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no running service named " + name + "; running: "
                        + services.stream().filter(ServiceProcess::isAlive).map(ServiceProcess::name).toList()));
    }

    /** The aggregator now serving, whichever generation it is. */
    public ServiceProcess aggregatorProcess() {
        return aggregator;
    }

    /**
     * Starts a killed or stopped service again with the command it had: the same port, properties and, for the
     * aggregator, state directory, as a supervisor restarting a crashed process would; returns when it is ready.
     */
    public void restart(ServiceProcess service) {
        if (service.isAlive()) {
            throw new IllegalStateException(service.name() + " is still running; kill or stop it first");
        }
        service.start();
        service.awaitReady(READY_TIMEOUT);
    }

    /** One line per process: what it is and where it listens. */
    public String describe() {
        StringBuilder out = new StringBuilder("  kafka           " + kafka.bootstrapServers()
                + (identities == null ? "" : "  SASL_SSL, SCRAM-SHA-512; a login per service in "
                + identities.directory()) + "\n");
        services.forEach(service -> out.append(String.format("  %-15s %s   log %s%n", service.name(),
                service.uri(""), service.log())));
        return out.toString();
    }

    public Path workDir() {
        return options.dirs().workDir();
    }

    private void startServices() {
        Map<String, String> common = Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.banner.enabled", "false");
        Map<String, String> producerProps = new HashMap<>(common);
        if (options.dirs().datasetsDir() != null) {
            producerProps.put("evalstream.producer.datasets-dir", options.dirs().datasetsDir().toString());
        }
        if (options.dirs().benchmarksDir() != null) {
            producerProps.put("evalstream.producer.benchmarks-dir", options.dirs().benchmarksDir().toString());
        }
        workerProperties = new HashMap<>(common);
        // A replica killed with SIGKILL never says goodbye: its partitions wait for the session to time out
        // (45 s by default) before another replica takes them over. 10 s keeps a crash visible but short.
        workerProperties.put("mp.messaging.incoming.tasks.session.timeout.ms", "10000");
        workerProperties.put("mp.messaging.incoming.tasks.heartbeat.interval.ms", "3000");
        workerProperties.putAll(options.services().workerProperties());

        producer = add("prompt-producer", DefaultPorts.PRODUCER, producerProps);
        for (int i = 0; i < options.workers(); i++) {
            addWorker();
        }
        Map<String, String> graderProps = new HashMap<>(common);
        // As for the workers: a crashed grader's partitions move to its successor after 10 s, not Kafka's 45 s.
        graderProps.put("mp.messaging.incoming.completions.session.timeout.ms", "10000");
        graderProps.put("mp.messaging.incoming.completions.heartbeat.interval.ms", "3000");
        graderProps.put("evalstream.grader.sandbox.work-root", sandboxScratch.dir().toString());
        graderProps.putAll(options.services().graderProperties());
        graderProperties = Map.copyOf(graderProps);
        add("grader-service", DefaultPorts.GRADER, graderProps);
        aggregator = add("aggregator", DefaultPorts.AGGREGATOR, aggregatorProperties(options.dirs().workDir()
                .resolve("streams-state")));
        services.forEach(ServiceProcess::start);
        services.forEach(service -> service.awaitReady(READY_TIMEOUT));
    }

    private Map<String, String> aggregatorProperties(Path stateDir) {
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(), "quarkus.banner.enabled", "false",
                "kafka-streams.state.dir", stateDir.toString());
    }

    /** Where the service logs in from, on a secured stack: a file of its own, never its command line. */
    private Map<String, String> kafkaLogin(String module) {
        return identities == null ? Map.of()
                : Map.of("quarkus.config.locations", identities.serviceFile(module).toString());
    }

    private ServiceProcess add(String module, int defaultPort, Map<String, String> properties) {
        return add(module, module, options.defaultPorts() ? defaultPort : FreePorts.next(), properties, List.of());
    }

    /**
     * The first replica is {@code model-worker} (on the documented port when asked), later ones
     * {@code model-worker-2}, {@code -3}, ... on free ports.
     */
    private synchronized ServiceProcess addWorker() {
        int replica = workers.size() + 1;
        String name = replica == 1 ? WORKER : WORKER + "-" + replica;
        int port = replica == 1 && options.defaultPorts() ? DefaultPorts.WORKER : FreePorts.next();
        Map<String, String> properties = new HashMap<>(workerProperties);
        // llama.cpp's loader clears llama* files in its temp dir: replicas sharing one would delete each
        // other's native library while loading it.
        properties.put("de.kherud.llama.tmpdir", directory(options.dirs().workDir().resolve("native").resolve(name)));
        ServiceProcess worker = add(name, WORKER, port, properties, List.of("--enable-native-access=ALL-UNNAMED"),
                options.services().workerEnvironment());
        workers.add(worker);
        return worker;
    }

    private ServiceProcess add(String name, String module, int port, Map<String, String> properties,
            List<String> jvmOptions) {
        return add(name, module, port, properties, jvmOptions, Map.of());
    }

    private ServiceProcess add(String name, String module, int port, Map<String, String> properties,
            List<String> jvmOptions, Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(properties);
        all.putAll(kafkaLogin(module));
        all.put("quarkus.http.port", Integer.toString(port));
        // The file, not the token: a command line is readable by every user of the machine.
        all.put("evalstream.auth.token-file", token.file().toString());
        Path jar = jar(options.dirs().home(), module);
        List<String> jvm = new ArrayList<>(jvmOptions);
        if (options.fixedHeaps()) {
            jvm.addAll(List.of("-Xms" + HEAP, "-XX:+AlwaysPreTouch"));
        }
        ServiceProcess service = new ServiceProcess(name, port, ServiceProcess.javaCommand(jar,
                options.dirs().workDir().resolve("tmp").resolve(name), all, HEAP, jvm),
                options.dirs().workDir().resolve("logs").resolve(name + ".log"), environment);
        services.add(service);
        return service;
    }

    private static String directory(Path dir) {
        try {
            return Files.createDirectories(dir).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    static Path jar(Path home, String module) {
        return home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static void requireBuilt(Path home) {
        for (String module : List.of("prompt-producer", "model-worker", "grader-service", "aggregator")) {
            if (!Files.isRegularFile(jar(home, module))) {
                throw new CliException(ExitCode.USAGE, module + " is not built (" + jar(home, module)
                        + " is missing); run ./run build in " + home);
            }
        }
    }

    @Override
    public void close() {
        // Should the JVM be exiting meanwhile, the hook's stop waits for this one and then finds nothing running.
        ExitHook.forget(stopOnExit);
        stop();
    }

    private synchronized void stop() {
        services.reversed().forEach(ServiceProcess::stop);
        kafka.stop();
        sandboxScratch.close();
    }
}
