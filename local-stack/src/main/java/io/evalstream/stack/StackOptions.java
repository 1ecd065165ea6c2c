package io.evalstream.stack;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to start a local stack: {@link #of} with the directories and the worker's properties, then a {@code with...}
 * per further choice.
 *
 * @param dirs         where the stack reads and writes
 * @param services     what each service gets beyond its defaults
 * @param workers      model-worker replicas to start, all in one consumer group, each on its own HTTP port
 * @param defaultPorts the documented ports (Kafka 9092, producer 8081, worker 8082, grader 8083, aggregator
 *                     8084) instead of free ones, so the README's commands work against it; further worker
 *                     replicas listen on free ports
 * @param fixedHeaps   every JVM (broker and services) commits and touches its whole heap at start (-Xms = -Xmx,
 *                     -XX:+AlwaysPreTouch), as a production JVM is run for a stable footprint: resident memory
 *                     then shows only what grows outside the heap. The soak runs so; heap growth it measures
 *                     separately, as the live heap after a full collection
 * @param secure       the broker has only a SASL_SSL listener (SCRAM-SHA-512) and the standard authorizer with the
 *                     {@code KafkaAccess} ACLs; each service logs in as its own user from a file of its own
 */
public record StackOptions(Locations dirs, ServiceSettings services, int workers, boolean defaultPorts,
        boolean fixedHeaps, boolean secure) {

    /**
     * @param home          repository root (holds each service's {@code target/quarkus-app})
     * @param workDir       broker data, service logs and Kafka Streams state go here
     * @param datasetsDir   datasets root for the prompt-producer; null for its built-in samples
     * @param benchmarksDir extra benchmark definitions (YAML) for the prompt-producer; null for the built-ins only
     */
    public record Locations(Path home, Path workDir, Path datasetsDir, Path benchmarksDir) {
    }

    /**
     * @param workerProperties  extra system properties for the model worker (simulated model profiles, latency)
     * @param workerEnvironment environment variables added to every model worker's (which inherits this
     *                          process's), e.g. the variable an API key is read from; never put on a command line
     * @param graderProperties  extra system properties for the grader (e.g. its sandbox settings)
     */
    public record ServiceSettings(Map<String, String> workerProperties, Map<String, String> workerEnvironment,
            Map<String, String> graderProperties) {

        public ServiceSettings {
            workerProperties = Map.copyOf(workerProperties);
            workerEnvironment = Map.copyOf(workerEnvironment);
            graderProperties = Map.copyOf(graderProperties);
        }
    }

    public StackOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("a stack needs at least one model-worker replica, not " + workers);
        }
    }

    /** One worker on free ports, an open broker, the built-in benchmarks; {@code datasetsDir} may be null. */
    public static StackOptions of(Path home, Path workDir, Path datasetsDir, Map<String, String> workerProperties) {
        return new StackOptions(new Locations(home, workDir, datasetsDir, null),
                new ServiceSettings(workerProperties, Map.of(), Map.of()), 1, false, false, false);
    }

    /** These options with extra benchmark definitions from {@code benchmarksDir} (null: the built-ins only). */
    public StackOptions withBenchmarks(Path benchmarksDir) {
        Locations with = new Locations(dirs.home(), dirs.workDir(), dirs.datasetsDir(), benchmarksDir);
        return new StackOptions(with, services, workers, defaultPorts, fixedHeaps, secure);
    }

    /** These options on the documented ports (see {@code defaultPorts}). */
    public StackOptions withDefaultPorts() {
        return new StackOptions(dirs, services, workers, true, fixedHeaps, secure);
    }

    /** These options with {@code count} worker replicas. */
    public StackOptions withWorkers(int count) {
        return new StackOptions(dirs, services, count, defaultPorts, fixedHeaps, secure);
    }

    /** These options with every heap fixed and touched at start (see {@code fixedHeaps}). */
    public StackOptions withFixedHeaps() {
        return new StackOptions(dirs, services, workers, defaultPorts, true, secure);
    }

    /** These options with {@code environment} added to every model worker's. */
    public StackOptions withWorkerEnvironment(Map<String, String> environment) {
        return new StackOptions(dirs, new ServiceSettings(services.workerProperties(), environment,
                services.graderProperties()), workers, defaultPorts, fixedHeaps, secure);
    }

    /** These options with {@code properties} added to the grader's. */
    public StackOptions withGraderProperties(Map<String, String> properties) {
        return new StackOptions(dirs, new ServiceSettings(services.workerProperties(), services.workerEnvironment(),
                properties), workers, defaultPorts, fixedHeaps, secure);
    }

    /** These options with a secured broker and per-service identities (see {@code secure}). */
    public StackOptions withSecurity() {
        return new StackOptions(dirs, services, workers, defaultPorts, fixedHeaps, true);
    }

    /** The repository root: {@code -Devalstream.home}, else the working directory. */
    public static Path defaultHome() {
        String home = System.getProperty("evalstream.home");
        return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }

    /** {@code ../shared/models} beside the repository (GGUF files), when it is there. */
    public static Path sharedModels(Path home) {
        Path shared = home.resolveSibling("shared").resolve("models");
        return shared.toFile().isDirectory() ? shared : null;
    }

    /** {@code ../shared/datasets} beside the repository, when it is there. */
    public static Path sharedDatasets(Path home) {
        Path shared = home.resolveSibling("shared").resolve("datasets");
        return shared.toFile().isDirectory() ? shared : null;
    }
}
