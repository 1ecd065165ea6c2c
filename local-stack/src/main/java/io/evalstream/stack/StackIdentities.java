package io.evalstream.stack;

import io.evalstream.broker.BrokerSecurity;
import io.evalstream.broker.Credentials;
import io.evalstream.broker.SecureProvisioning;
import io.evalstream.contracts.KafkaAccess;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The logins of a secured stack: one user per service and one for {@code evalctl push}, made on the broker with
 * their {@link KafkaAccess} ACLs, each written to a file of its own (mode 0600) that only that process reads.
 */
public final class StackIdentities {

    private static final Map<String, KafkaAccess> SERVICES = Map.of(
            "prompt-producer", KafkaAccess.PROMPT_PRODUCER,
            "model-worker", KafkaAccess.MODEL_WORKER,
            "grader-service", KafkaAccess.GRADER,
            "aggregator", KafkaAccess.AGGREGATOR);

    private final Path directory;
    private final BrokerSecurity security;
    private final Map<KafkaAccess, Credentials> credentials;

    private StackIdentities(Path directory, BrokerSecurity security, Map<KafkaAccess, Credentials> credentials) {
        this.directory = directory;
        this.security = security;
        this.credentials = new EnumMap<>(credentials);
    }

    /** Creates the users and ACLs on the broker and writes every login file into {@code directory}. */
    static StackIdentities provision(BrokerSecurity security, Path directory) {
        StackIdentities identities = new StackIdentities(directory, security, SecureProvisioning.provision(security));
        SERVICES.forEach((module, access) -> security.writeServiceProperties(identities.serviceFile(module),
                identities.credentials.get(access)));
        security.writeClientProperties(identities.pushFile(), identities.credentials.get(KafkaAccess.PUSH));
        return identities;
    }

    public Path directory() {
        return directory;
    }

    /** The service's {@code kafka.*} login, read with {@code quarkus.config.locations}. */
    Path serviceFile(String module) {
        KafkaAccess access = SERVICES.get(module);
        if (access == null) {
            throw new IllegalArgumentException("no Kafka identity for " + module + "; known: " + SERVICES.keySet());
        }
        return directory.resolve(access.user() + ".properties");
    }

    /** The push user's client settings, for {@code evalctl push --kafka-config}: it may write tasks only. */
    public Path pushFile() {
        return directory.resolve(KafkaAccess.PUSH.user() + ".client.properties");
    }

    /** Client settings for logging in as {@code access}, bootstrap servers included: for tests that act as it. */
    public Map<String, String> clientSettings(KafkaAccess access) {
        return security.clientSettings(credentials.get(access));
    }

    /** As {@link #clientSettings}, with a wrong password. */
    public Map<String, String> wrongPassword(KafkaAccess access) {
        return security.clientSettings(new Credentials(access.user(), credentials.get(access).password() + "x"));
    }

    @Override
    public String toString() {
        return "StackIdentities[" + directory + "]";
    }
}
