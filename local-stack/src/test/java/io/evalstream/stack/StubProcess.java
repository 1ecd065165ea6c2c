package io.evalstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.broker.FreePorts;
import io.evalstream.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The OpenAI-compatible stub as a server process of its own, started from the openai-stub classes on the test's class
 * path, as a user would run a model server beside the stack.
 */
final class StubProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private StubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the stub on a free port of 127.0.0.1, its output in {@code log}, and waits until it answers. */
    static StubProcess start(Path log) throws IOException {
        int port = FreePorts.next();
        // The test's own class path holds openai-stub: local-stack/target/lib only exists after the package phase,
        // which comes after the tests in `mvn verify` on a fresh clone. Its temp files (Vert.x's cache, Netty's
        // natives) go where this JVM keeps its own, never the system's temp dir.
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), "io.evalstream.stub.StubServer", "--port",
                Integer.toString(port));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        StubProcess stub = new StubProcess(process, port);
        try {
            Awaitility.await("the stub answering on port " + port).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the stub exited with " + process.exitValue() + "; see " + log);
                        }
                        return stub.answers();
                    });
        } catch (RuntimeException e) {
            stub.close();
            throw e;
        }
        return stub;
    }

    /** The API root, as {@code --model NAME=openai:URL} takes it. */
    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /** What the stub saw: {@code total}, and {@code authorization} (requests by header fingerprint). */
    JsonNode requests() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/stub/requests")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the stub on port " + port + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the stub", e);
        }
    }

    private boolean answers() {
        try {
            requests();
            return true;
        } catch (UncheckedIOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
