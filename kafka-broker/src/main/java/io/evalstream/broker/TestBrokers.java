package io.evalstream.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Chooses the broker tests run against, and starts it. Where a Docker engine answers
 * ({@code DockerClientFactory.instance().isDockerAvailable()}), a Kafka container ({@link #containerImage()});
 * elsewhere the embedded KRaft broker ({@link LocalKafka}). {@value #OVERRIDE} set to {@code embedded} or
 * {@code container} forces one ({@code auto}, or unset, chooses); {@code container} without Docker fails rather than
 * run on the other. Each test JVM prints once, loudly, which broker it got and why.
 */
public final class TestBrokers {

    /** The environment variable that forces a kind: {@code embedded}, {@code container} or {@code auto}. */
    public static final String OVERRIDE = "EVALSTREAM_TEST_BROKER";

    public enum Kind { EMBEDDED, CONTAINER }

    /** Whether a Docker engine answers, with what Testcontainers said. */
    public record DockerStatus(boolean available, String detail) {

        public DockerStatus {
            Objects.requireNonNull(detail, "detail");
        }

        public static DockerStatus available(String detail) {
            return new DockerStatus(true, detail);
        }

        public static DockerStatus unavailable(String detail) {
            return new DockerStatus(false, detail);
        }
    }

    /** The kind of broker chosen and why, in words. */
    public record Choice(Kind kind, String reason) {

        public Choice {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        /** The one loud line a test JVM prints about its broker. */
        public String banner(boolean secured) {
            String what = switch (kind) {
                case EMBEDDED -> secured ? EmbeddedTestBroker.SECURED_DESCRIPTION : EmbeddedTestBroker.DESCRIPTION;
                case CONTAINER -> "container " + containerImage() + " (Testcontainers"
                        + (secured ? ", SASL_SSL/SCRAM-SHA-512, ACLs)" : " KafkaContainer, KRaft)");
            };
            String notRun = kind == Kind.EMBEDDED
                    ? "; the " + (secured ? "secured " : "") + "container broker was NOT RUN" : "";
            return "=== evalstream tests: " + (secured ? "secured broker" : "broker") + " = " + what + " — " + reason
                    + notRun + " ===";
        }
    }

    private TestBrokers() {
    }

    /**
     * The pure choice: {@code override} as {@value #OVERRIDE} gives it, and {@code docker} asked only when the
     * override leaves the choice open or wants a container.
     *
     * @throws IllegalArgumentException for an override that is none of embedded, container, auto
     * @throws IllegalStateException when the override wants a container and Docker does not answer
     */
    public static Choice choose(Optional<String> override, Supplier<DockerStatus> docker) {
        String wanted = override.map(value -> value.strip().toLowerCase(Locale.ROOT)).filter(value -> !value.isEmpty())
                .orElse("auto");
        return switch (wanted) {
            case "embedded" -> new Choice(Kind.EMBEDDED, OVERRIDE + "=embedded (Docker not asked)");
            case "container" -> {
                DockerStatus status = docker.get();
                if (!status.available()) {
                    throw new IllegalStateException(OVERRIDE + "=container, but there is no Docker engine: "
                            + status.detail() + ". Unset " + OVERRIDE + " to fall back to the embedded broker.");
                }
                yield new Choice(Kind.CONTAINER, OVERRIDE + "=container; " + status.detail());
            }
            case "auto" -> {
                DockerStatus status = docker.get();
                yield status.available() ? new Choice(Kind.CONTAINER, "Docker available: " + status.detail())
                        : new Choice(Kind.EMBEDDED, "Docker not available: " + status.detail());
            }
            default -> throw new IllegalArgumentException(OVERRIDE + "=" + override.orElseThrow()
                    + " is none of embedded, container, auto");
        };
    }

    /** The choice for this JVM: {@value #OVERRIDE} from the environment, Docker asked through Testcontainers. */
    public static Choice choose() {
        return choose(Optional.ofNullable(System.getenv(OVERRIDE)), TestBrokers::askDocker);
    }

    /** Chooses, says so once per JVM, and starts a plain broker (PLAINTEXT, no ACLs). */
    public static TestBroker start() {
        return start(false);
    }

    /**
     * Chooses, says so once per JVM, and starts a secured broker: SASL_SSL with SCRAM-SHA-512, the standard
     * authorizer denying what no ACL allows; {@link TestBroker#security()} says how to log in as its admin, and
     * {@link SecureProvisioning#provision} makes the users and ACLs.
     */
    public static TestBroker startSecured() {
        return start(true);
    }

    /** {@code apache/kafka} at the root pom's {@code kafka.version}: the Kafka the embedded broker and the clients are. */
    public static String containerImage() {
        try (InputStream in = TestBrokers.class.getResourceAsStream("test-broker.properties")) {
            if (in == null) {
                throw new IllegalStateException("test-broker.properties is missing from the kafka-broker jar;"
                        + " rebuild it with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("image");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test-broker.properties", e);
        }
    }

    private static TestBroker start(boolean secured) {
        Choice choice = choose();
        // A system property, not a static field: Quarkus loads test resources in class loaders of its own.
        if (System.getProperties().putIfAbsent("evalstream.test-broker.announced." + secured, "yes") == null) {
            System.err.println("\n" + choice.banner(secured) + "\n");
        }
        return switch (choice.kind()) {
            case EMBEDDED -> EmbeddedTestBroker.start(secured);
            case CONTAINER -> secured ? ContainerTestBroker.startSecured() : ContainerTestBroker.start();
        };
    }

    private static DockerStatus askDocker() {
        try {
            return DockerEngine.probe();
        } catch (LinkageError e) {
            return DockerStatus.unavailable("Testcontainers is not on this test class path (" + e
                    + "); add org.testcontainers:testcontainers-kafka as a test dependency of this module");
        }
    }
}
