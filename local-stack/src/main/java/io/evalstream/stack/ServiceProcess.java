package io.evalstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.evalstream.evalctl.CliException;
import io.evalstream.evalctl.ExitCode;

/** One packaged Quarkus service running as a child JVM, with its own HTTP port and log file. */
public final class ServiceProcess {

    private static final int TAIL_LINES = 15;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final List<String> command;
    private final Path log;
    private final Map<String, String> environment;
    // Read by the exit hook's thread, which stops the process on Ctrl-C.
    private volatile Process process;

    ServiceProcess(String name, int port, List<String> command, Path log) {
        this(name, port, command, log, Map.of());
    }

    /**
     * @param environment added to this process's own, which the service inherits: how a secret such as an API key
     *                    reaches it without being on its command line (readable by every user of the machine)
     */
    ServiceProcess(String name, int port, List<String> command, Path log, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.command = List.copyOf(command);
        this.log = log;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The command line for {@code jar} with {@code properties} as system properties and a bounded heap; its temp
     * files go to {@code tempDir}, which is created.
     */
    static List<String> javaCommand(Path jar, Path tempDir, Map<String, String> properties, String heap) {
        return javaCommand(jar, tempDir, properties, heap, List.of());
    }

    /** As {@link #javaCommand(Path, Path, Map, String)}, with extra JVM options such as {@code --enable-native-access}. */
    static List<String> javaCommand(Path jar, Path tempDir, Map<String, String> properties, String heap,
            List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions);
        command.add("-XX:+UseParallelGC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        // RocksDB and lz4 extract their native libraries into java.io.tmpdir and Vert.x keeps its file cache under
        // vertx.cacheDirBase; a service killed with SIGKILL deletes none of it. In a directory of the stack's own,
        // it all goes when that directory does, instead of piling up in the system's temp dir.
        command.add("-Djava.io.tmpdir=" + created(tempDir));
        command.add("-Dvertx.cacheDirBase=" + tempDir.resolve("vertx-cache"));
        // For profiling and tuning without a rebuild, e.g. EVALSTREAM_SERVICE_JAVA_OPTS=-XX:StartFlightRecording
        String extra = System.getenv("EVALSTREAM_SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private static Path created(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the temp directory " + dir + " for a service", e);
        }
    }

    public String name() {
        return name;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The HTTP port it listens on. */
    public int port() {
        return port;
    }

    /** CPU time the process has used so far; zero when it is not running. */
    public Duration cpuTime() {
        return isAlive() ? process.info().totalCpuDuration().orElse(Duration.ZERO) : Duration.ZERO;
    }

    void start() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command + ")", e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200, or fails with the last lines of its log and where it is. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new CliException(ExitCode.SERVICE_ERROR, name + " exited with " + process.exitValue()
                        + " during start. The last lines of its log (" + log + "):\n" + tail());
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new CliException(ExitCode.SERVICE_ERROR, name + " was not ready after " + timeout.toSeconds()
                + " s. The last lines of its log (" + log + "):\n" + tail());
    }

    /** The last lines of the log, indented, for a message that must say why a service did not start. */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()).stream()
                    .map(line -> "    " + line).toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            return "    (the log cannot be read: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 20 s. */
    void stop() {
        if (isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    /**
     * SIGKILL, as a crash or {@code kill -9} would: no shutdown hook runs, nothing is flushed or committed.
     *
     * @return the exit code, 137 (128 + signal 9) on Linux
     */
    public int kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
        return process.exitValue();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
