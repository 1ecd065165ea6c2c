package io.evalstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.broker.TestBrokers.Choice;
import io.evalstream.broker.TestBrokers.DockerStatus;
import io.evalstream.broker.TestBrokers.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which broker the tests get, both ways, with Docker's answer given instead of asked; and what the container brokers
 * would be started with, read without starting them (this machine has no Docker engine).
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
@Tag("integration")
class TestBrokersTest {

    private static final Supplier<DockerStatus> DOCKER = () -> DockerStatus.available("engine at unix:///test.sock");
    private static final Supplier<DockerStatus> NO_DOCKER = () -> DockerStatus.unavailable("no engine (test)");

    @TempDir
    Path dir;

    @Test
    void aContainerBrokerWhereDockerIsAvailable() {
        Choice choice = TestBrokers.choose(Optional.empty(), DOCKER);

        assertThat(choice.kind()).isEqualTo(Kind.CONTAINER);
        assertThat(choice.reason()).isEqualTo("Docker available: engine at unix:///test.sock");
        assertThat(choice.banner(false)).isEqualTo("=== evalstream tests: broker = container "
                + TestBrokers.containerImage() + " (Testcontainers KafkaContainer, KRaft) — Docker available:"
                + " engine at unix:///test.sock ===");
        assertThat(choice.banner(true)).startsWith("=== evalstream tests: secured broker = container "
                + TestBrokers.containerImage() + " (Testcontainers, SASL_SSL/SCRAM-SHA-512, ACLs)")
                .doesNotContain("NOT RUN");
    }

    @Test
    void theEmbeddedBrokerWhereDockerIsNotAndTheBannerSaysWhyAndWhatDidNotRun() {
        Choice choice = TestBrokers.choose(Optional.empty(), NO_DOCKER);

        assertThat(choice.kind()).isEqualTo(Kind.EMBEDDED);
        assertThat(choice.banner(false)).isEqualTo("=== evalstream tests: broker = embedded KRaft (LocalKafka) —"
                + " Docker not available: no engine (test); the container broker was NOT RUN ===");
        assertThat(choice.banner(true)).isEqualTo("=== evalstream tests: secured broker = embedded KRaft"
                + " (LocalKafka.startSecure: SASL_SSL/SCRAM-SHA-512, ACLs) — Docker not available: no engine (test);"
                + " the secured container broker was NOT RUN ===");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            auto,       true,  CONTAINER
            auto,       false, EMBEDDED
            '',         true,  CONTAINER
            ' AUTO ',   false, EMBEDDED
            embedded,   true,  EMBEDDED
            Embedded,   false, EMBEDDED
            container,  true,  CONTAINER
            """)
    void theOverrideForcesAKindOrLeavesTheChoiceToDocker(String override, boolean docker, Kind expected) {
        assertThat(TestBrokers.choose(Optional.of(override), docker ? DOCKER : NO_DOCKER).kind()).isEqualTo(expected);
    }

    @Test
    void forcedEmbeddedDoesNotAskDocker() {
        AtomicInteger asked = new AtomicInteger();
        TestBrokers.choose(Optional.of("embedded"), () -> {
            asked.incrementAndGet();
            return DockerStatus.available("asked");
        });
        assertThat(asked).hasValue(0);
    }

    @Test
    void forcedContainerWithoutDockerFailsInsteadOfFallingBack() {
        assertThatThrownBy(() -> TestBrokers.choose(Optional.of("container"), NO_DOCKER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("EVALSTREAM_TEST_BROKER=container, but there is no Docker engine: no engine (test)."
                        + " Unset EVALSTREAM_TEST_BROKER to fall back to the embedded broker.");
    }

    @Test
    void anUnknownOverrideIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> TestBrokers.choose(Optional.of("podman"), DOCKER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EVALSTREAM_TEST_BROKER=podman is none of embedded, container, auto");
    }

    @Test
    void theContainerImageIsTheKafkaOfTheClientsAndTheEmbeddedBroker() {
        assertThat(TestBrokers.containerImage()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
    }

    @Test
    void thePlainContainerGetsTheEmbeddedBrokersDefaults() {
        Map<String, String> environment = ContainerTestBroker.brokerDefaultsAsEnvironment();

        assertThat(environment).containsEntry("KAFKA_NUM_PARTITIONS", Integer.toString(LocalKafka.DEFAULT_PARTITIONS))
                .containsEntry("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "6")
                .containsEntry("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .doesNotContainKey("KAFKA_LOG_DIRS");
    }

    @Test
    void theSecuredContainerHasOnlySaslSslForClientsTlsWithClientAuthForItsControllerAndDeniesByDefault() {
        SecureListeners listeners = SecureListeners.generate(dir.resolve("tls"));
        List<String> properties = ContainerTestBroker.serverProperties(listeners, "localhost:32771").lines().toList();

        assertThat(properties).contains(
                "listeners=SASL_SSL://0.0.0.0:9092,INTERNAL://127.0.0.1:9094,CONTROLLER://127.0.0.1:9093",
                "advertised.listeners=SASL_SSL://localhost:32771,INTERNAL://127.0.0.1:9094",
                "inter.broker.listener.name=INTERNAL",
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,INTERNAL:SASL_SSL,CONTROLLER:SSL",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.controller.ssl.client.auth=required",
                "ssl.keystore.location=/tmp/evalstream/tls/broker.p12",
                "ssl.truststore.location=/tmp/evalstream/tls/truststore.pem",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:CN=evalstream-local-broker;User:evalstream-admin",
                "controller.quorum.voters=1@127.0.0.1:9093",
                "num.partitions=6");
        assertThat(properties).filteredOn(line -> line.contains("scram-sha-512.sasl.jaas.config=")).hasSize(2);
        assertThat(String.join("\n", properties)).doesNotContain("PLAINTEXT").doesNotContain("ANONYMOUS");
    }

    @Test
    void theSecuredContainerFormatsWithItsAdminUserAndThenRunsTheBroker() {
        SecureListeners listeners = SecureListeners.generate(dir.resolve("tls"));
        List<String> script = ContainerTestBroker.startScript(listeners, "AbCdEfGhIjKlMnOpQrStUv").lines().toList();

        assertThat(script).hasSize(3);
        assertThat(script.get(0)).isEqualTo("set -e");
        assertThat(script.get(1)).startsWith("/opt/kafka/bin/kafka-storage.sh format -t AbCdEfGhIjKlMnOpQrStUv"
                + " -c /tmp/evalstream/server.properties '--add-scram' 'SCRAM-SHA-512=[name=evalstream-admin,password=");
        assertThat(script.get(2)).isEqualTo("exec /opt/kafka/bin/kafka-server-start.sh /tmp/evalstream/server.properties");
    }
}
