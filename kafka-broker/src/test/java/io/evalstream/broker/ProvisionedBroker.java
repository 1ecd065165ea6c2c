package io.evalstream.broker;

import io.evalstream.contracts.KafkaAccess;
import io.evalstream.contracts.KafkaClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A secured {@link LocalKafka} with a user per {@link KafkaAccess}, in a directory of its own that goes with it. */
final class ProvisionedBroker implements AutoCloseable {

    final Path dir;
    final LocalKafka kafka;
    final BrokerSecurity security;
    final Map<KafkaAccess, Credentials> users;

    private ProvisionedBroker(Path dir, LocalKafka kafka) {
        this.dir = dir;
        this.kafka = kafka;
        this.security = kafka.security().orElseThrow();
        this.users = SecureProvisioning.provision(security);
    }

    static ProvisionedBroker start(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        return new ProvisionedBroker(dir, LocalKafka.startSecure(dir.resolve("broker"), FreePorts.next(), false));
    }

    /** Clients logged in as {@code access}, with timeouts short enough that a refusal fails a test. */
    KafkaClients as(KafkaAccess access) {
        return TestClients.of(security.clientSettings(users.get(access)));
    }

    @Override
    public void close() {
        kafka.stop();
        Directories.delete(dir);
    }
}
