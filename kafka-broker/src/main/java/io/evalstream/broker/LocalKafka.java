package io.evalstream.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) run as a child JVM
 * from the Maven jars. Replication factors and min ISR are 1; topics are auto-created with
 * {@value #DEFAULT_PARTITIONS} partitions. Data lives under the given directory, so a broker that is
 * killed or stopped can be started again on the same ports with its data intact.
 *
 * <p>Plain ({@link #start}) it has one PLAINTEXT client listener and lets everyone do anything. Secured
 * ({@link #startSecure}) its only client listener is SASL_SSL with SCRAM-SHA-512, the standard authorizer denies
 * whatever no ACL allows, and {@link #security()} tells clients how to connect; {@link SecureProvisioning} creates
 * the topics, users and ACLs.
 */
public final class LocalKafka implements AutoCloseable {

    public static final int DEFAULT_PARTITIONS = 6;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String READY_LINE = "Kafka Server started";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final List<String> heap;
    private final Optional<SecureListeners> secure;
    private Process process;

    private LocalKafka(Path dir, int port, int controllerPort, boolean fixedHeap, Optional<SecureListeners> secure) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.secure = secure;
        // A fixed heap is committed and touched at start, so resident memory shows only what grows outside it.
        this.heap = fixedHeap ? List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch") : List.of("-Xms256m", "-Xmx1g");
    }

    /** Formats a fresh log directory under {@code dir} and starts the broker on free ports. */
    public static LocalKafka start(Path dir) {
        return start(dir, FreePorts.next());
    }

    /** Formats a fresh log directory under {@code dir} and starts the broker with its client listener on {@code port}. */
    public static LocalKafka start(Path dir, int port) {
        return start(dir, port, false);
    }

    /**
     * As {@link #start(Path, int)}; with {@code fixedHeap} the broker's 1 GB heap is committed and touched at start
     * instead of growing from 256 MB.
     */
    public static LocalKafka start(Path dir, int port, boolean fixedHeap) {
        LocalKafka kafka = new LocalKafka(dir.toAbsolutePath(), port, FreePorts.next(), fixedHeap, Optional.empty());
        kafka.format();
        kafka.launch();
        return kafka;
    }

    /**
     * As {@link #start(Path, int, boolean)}, secured: a new certificate and key go into {@code dir/tls}, a new
     * super user into the formatted metadata, and the client listener on {@code port} takes SASL_SSL only. The
     * controller listener, on another free port, takes only clients holding the broker's key. Secrets are in files
     * only their owner may read ({@code server.properties}, the keystore), never on a command line or in a log.
     */
    public static LocalKafka startSecure(Path dir, int port, boolean fixedHeap) {
        Path absolute = dir.toAbsolutePath();
        LocalKafka kafka = new LocalKafka(absolute, port, FreePorts.next(), fixedHeap,
                Optional.of(SecureListeners.generate(absolute.resolve("tls"))));
        kafka.format();
        kafka.launch();
        return kafka;
    }

    /** How clients connect and authenticate, when started with {@link #startSecure}; empty for a plain broker. */
    public Optional<BrokerSecurity> security() {
        return secure.map(listeners -> listeners.clientView(bootstrapServers()));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path directory() {
        return dir;
    }

    /** CPU time the running broker process has used so far; zero when it is not running. */
    public Duration cpuTime() {
        return isRunning() ? process.info().totalCpuDuration().orElse(Duration.ZERO) : Duration.ZERO;
    }

    /** The broker's process id, for measurements such as its resident memory. */
    public long pid() {
        if (!isRunning()) {
            throw new IllegalStateException("broker at " + bootstrapServers() + " is not running");
        }
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker again after {@link #stop()} or {@link #kill()}, same ports, same data. */
    public void restart() {
        if (isRunning()) {
            throw new IllegalStateException("broker at " + bootstrapServers() + " is still running; stop it first");
        }
        launch();
    }

    /** Orderly shutdown (SIGTERM), waiting up to 60 s. */
    public void stop() {
        terminate(false);
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        terminate(true);
    }

    @Override
    public void close() {
        stop();
    }

    private void format() {
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(tempDir());
            Files.writeString(dir.resolve("log4j2.properties"), log4jProperties());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare broker directory " + dir, e);
        }
        Secrets.write(dir.resolve("server.properties"), serverProperties());
        String clusterId = newClusterId();
        List<String> arguments = new ArrayList<>(List.of("format", "-t", clusterId, "-c",
                dir.resolve("server.properties").toString()));
        secure.ifPresent(listeners -> arguments.addAll(listeners.formatArguments()));
        Path argumentFile = dir.resolve("format.args");
        Process format = startProcess(javaCommandInFile("kafka.tools.StorageTool", arguments, argumentFile),
                dir.resolve("format.log"));
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting the Kafka log directory failed; see " + dir.resolve("format.log")
                        + ":\n" + tail(dir.resolve("format.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        } finally {
            delete(argumentFile);
        }
    }

    private void launch() {
        Path log = dir.resolve("server.log");
        long offset = size(log);
        List<String> command = javaCommand();
        command.addAll(mainClassAndArguments("kafka.Kafka", List.of(dir.resolve("server.properties").toString())));
        process = startProcess(command, dir.resolve("stdout.log"));
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; last log lines:\n"
                        + tail(log) + tail(dir.resolve("stdout.log")));
            }
            if (readSince(log, offset).contains(READY_LINE)) {
                return;
            }
            pause();
        }
        process.destroyForcibly();
        throw new IllegalStateException("Kafka broker not ready after " + START_TIMEOUT.toSeconds() + " s; log:\n" + tail(log));
    }

    private void terminate(boolean force) {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * The class path, main class and arguments go into {@code argumentFile} (mode 0600) and the command line names
     * only the file: the arguments may hold secrets, and any user can read a command line.
     */
    private List<String> javaCommandInFile(String mainClass, List<String> arguments, Path argumentFile) {
        Secrets.write(argumentFile, String.join("\n", mainClassAndArguments(mainClass, arguments).stream()
                .map(LocalKafka::quoted).toList()) + "\n");
        List<String> command = javaCommand();
        command.add("@" + argumentFile);
        return command;
    }

    private static List<String> mainClassAndArguments(String mainClass, List<String> arguments) {
        List<String> result = new ArrayList<>(List.of("-cp", brokerClasspath(), mainClass));
        result.addAll(arguments);
        return result;
    }

    private List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(heap);
        // Compression codecs (lz4, zstd, snappy) extract their native libraries into the temp dir, and a broker
        // killed with SIGKILL never deletes them: kept with the broker's data, they go when its directory does.
        command.addAll(List.of("-XX:+UseG1GC", "-Djava.awt.headless=true", "-Djava.io.tmpdir=" + tempDir(),
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-Dkafka.logs.dir=" + dir));
        return command;
    }

    /** One argument in a java launcher argument file: quoted, so spaces stay inside it. */
    private static String quoted(String argument) {
        return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private Path tempDir() {
        return dir.resolve("tmp");
    }

    private static Process startProcess(List<String> command, Path output) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
    }

    private static String brokerClasspath() {
        try (InputStream in = LocalKafka.class.getResourceAsStream("broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("broker.classpath is missing from the kafka-broker jar; rebuild it with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker class path", e);
        }
    }

    private String serverProperties() {
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort));
        lines.addAll(secure.map(listeners -> listeners.properties(port, controllerPort)).orElse(List.of(
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")));
        lines.addAll(brokerDefaults(dir.resolve("data").toString()));
        return String.join("\n", lines);
    }

    /**
     * The settings every evalstream test or local broker shares, whatever its listeners: one node, so replication
     * factors and min ISR 1; {@value #DEFAULT_PARTITIONS} partitions; no rebalance delay. A container broker
     * ({@link ContainerTestBroker}) gets the same ones, so tests see one broker whichever runs.
     */
    static List<String> brokerDefaults(String logDir) {
        return List.of(
                "log.dirs=" + logDir,
                "num.partitions=" + DEFAULT_PARTITIONS,
                "default.replication.factor=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=6",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "min.insync.replicas=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.retention.hours=24",
                "log.segment.bytes=268435456",
                "num.network.threads=2",
                "num.io.threads=4",
                "");
    }

    /** A new KRaft cluster id for StorageTool's {@code format -t}. */
    static String newClusterId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }

    private String log4jProperties() {
        return String.join("\n",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=" + dir.resolve("server.log"),
                "appender.file.append=true",
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=[%d] %p %m (%c)%n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                "logger.kafka.name=kafka",
                "logger.kafka.level=INFO",
                "logger.state.name=state.change.logger",
                "logger.state.level=WARN",
                "");
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ", which holds secrets; delete it by hand", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readSince(Path file, long offset) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            byte[] bytes = Files.readAllBytes(file);
            return offset >= bytes.length ? "" : new String(bytes, (int) offset, bytes.length - (int) offset,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path file) {
        String text = readSince(file, 0);
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }
}
