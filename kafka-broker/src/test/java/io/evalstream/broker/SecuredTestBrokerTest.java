package io.evalstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.KafkaAccess;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.Topics;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The secured broker {@link TestBrokers} chooses (a secured container where Docker answers, the secured embedded
 * broker elsewhere; the test output says which): provisioned from {@link KafkaAccess}, it lets each identity do
 * its part and refuses what no ACL allows. {@link SecureLocalKafkaTest} covers the embedded broker's own files.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("integration")
class SecuredTestBrokerTest {

    private static TestBroker broker;
    private static BrokerSecurity security;
    private static Map<KafkaAccess, Credentials> users;

    @BeforeAll
    static void startAndProvision() {
        broker = TestBrokers.startSecured();
        security = broker.security().orElseThrow();
        users = SecureProvisioning.provision(security);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void eachIdentityWritesItsOwnTopic() throws Exception {
        assertThat(TestClients.send(as(KafkaAccess.PROMPT_PRODUCER), Topics.TASKS, "task-" + UUID.randomUUID())
                .topic()).isEqualTo(Topics.TASKS);
        assertThat(TestClients.send(as(KafkaAccess.GRADER), Topics.GRADES, "grade-" + UUID.randomUUID()).topic())
                .isEqualTo(Topics.GRADES);
    }

    @Test
    void theModelWorkerCannotForgeAGrade() {
        assertThatThrownBy(() -> TestClients.send(as(KafkaAccess.MODEL_WORKER), Topics.GRADES, "forged"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Credentials grader = users.get(KafkaAccess.GRADER);
        KafkaClients impostor = TestClients.of(security.clientSettings(new Credentials(grader.user(),
                "not-" + grader.password())));
        assertThatThrownBy(() -> TestClients.clusterId(impostor))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void theBrokerTakesNoPlaintextClient() {
        KafkaClients anyone = TestClients.of(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "default.api.timeout.ms", "3000", "request.timeout.ms", "2000"));
        assertThatThrownBy(() -> TestClients.clusterId(anyone))
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }

    private static KafkaClients as(KafkaAccess access) {
        return TestClients.of(security.clientSettings(users.get(access)));
    }
}
