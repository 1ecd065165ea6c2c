package io.evalstream.broker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A Kafka broker in a container ({@link TestBrokers#containerImage()}, KRaft, one node), for where a Docker engine
 * answers. Plain, it is Testcontainers' {@link KafkaContainer} with evalstream's broker defaults
 * ({@link LocalKafka#brokerDefaults}). Secured, it is the same image started on the same settings as
 * {@link LocalKafka#startSecure}: SASL_SSL with SCRAM-SHA-512 for clients, the admin user put in at format time,
 * TLS with a client certificate on the controller listener, the standard authorizer and no ACL meaning no access.
 * The image's own start script cannot format with {@code --add-scram}, so the secured container runs a script of
 * ours, copied in once the mapped port (which the advertised listener names) is known.
 *
 * <p>Only this class and {@link DockerEngine} name Testcontainers; they are loaded only where Docker answers.
 */
final class ContainerTestBroker implements TestBroker {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String CONFIG_DIR = "/tmp/evalstream";
    private static final String TLS_DIR = CONFIG_DIR + "/tls";
    private static final String SERVER_PROPERTIES = CONFIG_DIR + "/server.properties";
    private static final String START_SCRIPT = CONFIG_DIR + "/start.sh";
    /** Kafka's scripts in the apache/kafka image. */
    private static final String KAFKA_BIN = "/opt/kafka/bin";
    /** Readable by the image's unprivileged user: the files arrive owned by root. The container is thrown away. */
    private static final int READABLE = 0644;

    private final GenericContainer<?> container;
    private final String bootstrapServers;
    private final Optional<BrokerSecurity> security;
    private final Optional<Path> dir;

    private ContainerTestBroker(GenericContainer<?> container, String bootstrapServers,
            Optional<BrokerSecurity> security, Optional<Path> dir) {
        this.container = container;
        this.bootstrapServers = bootstrapServers;
        this.security = security;
        this.dir = dir;
    }

    static ContainerTestBroker start() {
        KafkaContainer container = plainContainer();
        container.start();
        return new ContainerTestBroker(container, container.getBootstrapServers(), Optional.empty(), Optional.empty());
    }

    static ContainerTestBroker startSecured() {
        Path dir;
        try {
            dir = Files.createTempDirectory("evalstream-test-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the secured container broker's key", e);
        }
        try {
            SecureListeners listeners = SecureListeners.generate(dir.resolve("tls"));
            SecuredContainer container = new SecuredContainer(listeners);
            container.start();
            String bootstrap = advertised(container);
            return new ContainerTestBroker(container, bootstrap, Optional.of(listeners.clientView(bootstrap)),
                    Optional.of(dir));
        } catch (RuntimeException e) {
            Directories.delete(dir);
            throw e;
        }
    }

    /** The plain broker's container, configured and not started. */
    static KafkaContainer plainContainer() {
        return new KafkaContainer(DockerImageName.parse(TestBrokers.containerImage()))
                .withEnv(brokerDefaultsAsEnvironment())
                .withStartupTimeout(START_TIMEOUT);
    }

    /**
     * {@link LocalKafka#brokerDefaults} as the apache/kafka image reads settings: {@code num.partitions} as
     * {@code KAFKA_NUM_PARTITIONS}. The log directory stays the image's.
     */
    static Map<String, String> brokerDefaultsAsEnvironment() {
        return LocalKafka.brokerDefaults("unused").stream()
                .filter(line -> line.contains("=") && !line.startsWith("log.dirs="))
                .collect(Collectors.toMap(
                        line -> "KAFKA_" + line.substring(0, line.indexOf('=')).replace('.', '_')
                                .toUpperCase(Locale.ROOT),
                        line -> line.substring(line.indexOf('=') + 1),
                        (a, b) -> b, LinkedHashMap::new));
    }

    /** The secured container's server.properties, for clients that reach it at {@code advertised}. */
    static String serverProperties(SecureListeners listeners, String advertised) {
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + SecureListeners.CONTAINER_CONTROLLER_PORT));
        lines.addAll(listeners.containerProperties(advertised, TLS_DIR));
        lines.addAll(LocalKafka.brokerDefaults("/tmp/evalstream-data"));
        return String.join("\n", lines);
    }

    /** Formats the log directory with the admin user in its metadata, then runs the broker in the foreground. */
    static String startScript(SecureListeners listeners, String clusterId) {
        String format = String.join(" ", List.of(KAFKA_BIN + "/kafka-storage.sh", "format", "-t", clusterId, "-c",
                SERVER_PROPERTIES)) + " " + listeners.formatArguments().stream()
                        .map(argument -> "'" + argument + "'").collect(Collectors.joining(" "));
        return String.join("\n", "set -e", format,
                "exec " + KAFKA_BIN + "/kafka-server-start.sh " + SERVER_PROPERTIES, "");
    }

    private static String advertised(GenericContainer<?> container) {
        String host = container.getHost();
        // The broker's certificate names these two only, and clients verify the host name.
        if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
            throw new IllegalStateException("the secured container broker's certificate is for localhost and"
                    + " 127.0.0.1, but Docker's host here is " + host + "; run the tests on the Docker host, or with "
                    + TestBrokers.OVERRIDE + "=embedded");
        }
        return host + ":" + container.getMappedPort(SecureListeners.CONTAINER_CLIENT_PORT);
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Optional<BrokerSecurity> security() {
        return security;
    }

    @Override
    public String description() {
        return "container " + TestBrokers.containerImage() + " (Testcontainers"
                + (security.isPresent() ? ", SASL_SSL/SCRAM-SHA-512, ACLs)" : " KafkaContainer, KRaft)");
    }

    @Override
    public void close() {
        container.stop();
        dir.ifPresent(Directories::delete);
    }

    /** The apache/kafka image running {@link #startScript} instead of its own start script. */
    private static final class SecuredContainer extends GenericContainer<SecuredContainer> {

        private final SecureListeners listeners;

        SecuredContainer(SecureListeners listeners) {
            super(DockerImageName.parse(TestBrokers.containerImage()));
            this.listeners = listeners;
            BrokerCertificates certificates = listeners.certificates();
            withExposedPorts(SecureListeners.CONTAINER_CLIENT_PORT);
            withCopyToContainer(MountableFile.forHostPath(certificates.keystore(), READABLE),
                    TLS_DIR + "/" + certificates.keystore().getFileName());
            withCopyToContainer(MountableFile.forHostPath(certificates.truststore(), READABLE),
                    TLS_DIR + "/" + certificates.truststore().getFileName());
            // As Testcontainers' KafkaContainer does: wait for the script that only the mapped port lets us write.
            withCommand("sh", "-c", "while [ ! -f " + START_SCRIPT + " ]; do sleep 0.1; done; exec sh " + START_SCRIPT);
            waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(START_TIMEOUT));
        }

        @Override
        protected void containerIsStarting(InspectContainerResponse containerInfo) {
            super.containerIsStarting(containerInfo);
            copyFileToContainer(Transferable.of(serverProperties(listeners, advertised(this)), READABLE),
                    SERVER_PROPERTIES);
            copyFileToContainer(Transferable.of(startScript(listeners, LocalKafka.newClusterId()), READABLE),
                    START_SCRIPT);
        }
    }
}
