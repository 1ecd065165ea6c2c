package io.evalstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.KafkaAccess;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.Topics;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("integration")
class SecureRestartTest {

    private static ProvisionedBroker broker;
    private static LocalKafka kafka;

    @BeforeAll
    static void startAndProvision() throws IOException {
        broker = ProvisionedBroker.start("secure-kafka-restart");
        kafka = broker.kafka;
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
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
        KafkaClients push = broker.as(KafkaAccess.PUSH);
        assertThat(TestClients.send(push, Topics.TASKS, "after-restart-" + UUID.randomUUID()).topic())
                .isEqualTo(Topics.TASKS);
        assertThatThrownBy(() -> TestClients.send(push, Topics.GRADES, "forged"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }
}
