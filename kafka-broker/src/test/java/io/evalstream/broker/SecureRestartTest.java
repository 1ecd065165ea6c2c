package io.evalstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.KafkaAccess;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SecureRestartTest {

    private static Path dir;
    private static LocalKafka kafka;
    private static Map<KafkaAccess, Credentials> users;

    @BeforeAll
    static void startAndProvision() throws IOException {
        dir = Files.createTempDirectory("secure-kafka-restart");
        kafka = LocalKafka.startSecure(dir, FreePorts.next(), false);
        users = SecureProvisioning.provision(kafka.security().orElseThrow());
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.stop();
        }
        Directories.delete(dir);
    }

    @Test
    void usersAndAclsOutliveAStopAndACrash() throws Exception {
        kafka.stop();
        kafka.restart();
        assertUsersAndAclsWork();

        kafka.kill();
        kafka.restart();
        assertUsersAndAclsWork();
    }

    private static void assertUsersAndAclsWork() throws Exception {
        BrokerSecurity security = kafka.security().orElseThrow();
        KafkaClients push = TestClients.of(security.clientSettings(users.get(KafkaAccess.PUSH)));
        assertThat(TestClients.send(push, Topics.TASKS, "after-restart-" + UUID.randomUUID()).topic())
                .isEqualTo(Topics.TASKS);
        assertThatThrownBy(() -> TestClients.send(push, Topics.GRADES, "forged"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }
}
