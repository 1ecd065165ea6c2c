package io.evalstream.stack;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to start a local stack.
 *
 * @param home          repository root (holds each service's {@code target/quarkus-app})
 * @param workDir       broker data, service logs and Kafka Streams state go here
 * @param datasetsDir   datasets root for the prompt-producer; null for its built-in samples
 * @param workerProperties extra system properties for the model worker (simulated model profiles, latency)
 */
public record StackOptions(Path home, Path workDir, Path datasetsDir, Map<String, String> workerProperties) {

    public StackOptions {
        workerProperties = Map.copyOf(workerProperties);
    }

    /** The repository root: {@code -Devalstream.home}, else the working directory. */
    public static Path defaultHome() {
        String home = System.getProperty("evalstream.home");
        return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }

    /** {@code ../shared/datasets} beside the repository, when it is there. */
    public static Path sharedDatasets(Path home) {
        Path shared = home.resolveSibling("shared").resolve("datasets");
        return shared.toFile().isDirectory() ? shared : null;
    }
}
