package io.evalstream.broker;

import io.evalstream.contracts.KafkaAccess;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.TopicAdmin;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * Makes a secured {@link LocalKafka} ready for evalstream: its topics, one SCRAM user per {@link KafkaAccess}
 * identity with a new random password, and {@link KafkaAccess#allBindings()}. Users and ACLs reach the broker
 * through the metadata log a moment after the controller accepts them, so it returns only once every identity can
 * log in and the broker's authorizer holds every ACL.
 */
public final class SecureProvisioning {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofMillis(100);
    private static final int ITERATIONS = 4096;

    private SecureProvisioning() {
    }

    /**
     * @return each identity's credentials, to hand to its service
     * @throws IllegalStateException when the broker refuses or does not apply them within 30 s
     */
    public static Map<KafkaAccess, Credentials> provision(BrokerSecurity security) {
        KafkaClients admin = KafkaClients.of(security.adminSettings());
        TopicAdmin.ensureTopics(admin, LocalKafka.DEFAULT_PARTITIONS, (short) 1);
        Map<KafkaAccess, Credentials> credentials = new EnumMap<>(KafkaAccess.class);
        for (KafkaAccess access : KafkaAccess.values()) {
            credentials.put(access, new Credentials(access.user(), Secrets.password()));
        }
        try (Admin client = admin.admin("evalstream-provisioning")) {
            List<UserScramCredentialAlteration> users = credentials.values().stream()
                    .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.user(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), user.password()))
                    .toList();
            await("SCRAM users", client.alterUserScramCredentials(users).all());
            await("ACLs", client.createAcls(KafkaAccess.allBindings()).all());
            awaitAcls(client, security.bootstrapServers());
        }
        for (Credentials user : credentials.values()) {
            awaitLogin(security, user);
        }
        return credentials;
    }

    private static void awaitAcls(Admin client, String bootstrapServers) {
        Set<AclBinding> wanted = Set.copyOf(KafkaAccess.allBindings());
        Instant deadline = Instant.now().plus(TIMEOUT);
        Collection<AclBinding> applied = Set.of();
        while (Instant.now().isBefore(deadline)) {
            applied = await("the broker's ACLs", client.describeAcls(AclBindingFilter.ANY).values());
            if (applied.containsAll(wanted)) {
                return;
            }
            pause();
        }
        Set<AclBinding> missing = new HashSet<>(wanted);
        missing.removeAll(applied);
        throw new IllegalStateException("the broker at " + bootstrapServers + " does not apply " + missing.size() + " of the "
                + wanted.size() + " evalstream ACLs after " + TIMEOUT.toSeconds() + " s, for example "
                + missing.iterator().next());
    }

    /** Logs in as {@code user} until the broker knows the user; a wrong password fails the same way until then. */
    private static void awaitLogin(BrokerSecurity security, Credentials user) {
        Map<String, Object> settings = new HashMap<>(security.clientSettings(user));
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (Admin client = KafkaClients.of(settings).admin("evalstream-provisioning-" + user.user())) {
            while (true) {
                try {
                    client.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof SaslAuthenticationException) || Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("user " + user.user() + " cannot log in to "
                                + security.bootstrapServers() + " after being created: " + e.getCause(), e.getCause());
                    }
                    pause();
                } catch (TimeoutException e) {
                    throw new IllegalStateException("user " + user.user() + " got no answer from "
                            + security.bootstrapServers() + " within " + TIMEOUT.toSeconds() + " s", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for user " + user.user(), e);
                }
            }
        }
    }

    private static <T> T await(String what, KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer about " + what + " within "
                    + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker to apply users and ACLs", e);
        }
    }
}
