package io.evalstream.broker;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How clients reach a secured {@link LocalKafka}: SASL_SSL with SCRAM-SHA-512, trusting the broker's certificate
 * from a PEM file, with hostname verification on. Its string form holds no secret.
 */
public final class BrokerSecurity {

    private final String bootstrapServers;
    private final Path truststore;
    private final Credentials admin;

    BrokerSecurity(String bootstrapServers, Path truststore, Credentials admin) {
        this.bootstrapServers = bootstrapServers;
        this.truststore = truststore;
        this.admin = admin;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker's certificate (PEM); public, every client needs it. */
    public Path truststore() {
        return truststore;
    }

    /** Kafka client settings, {@code bootstrap.servers} included, for logging in as {@code credentials}. */
    public Map<String, String> clientSettings(Credentials credentials) {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL",
                SaslConfigs.SASL_MECHANISM, SecureListeners.MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(credentials),
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
                SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toString());
    }

    /** {@link #clientSettings} of the super user, who may do anything: for provisioning, not for services. */
    public Map<String, String> adminSettings() {
        return clientSettings(admin);
    }

    /**
     * Writes {@link #clientSettings} as a Java properties file (mode 0600, its directory created 0700) for a plain
     * client, such as
     * {@code evalctl push --kafka-config FILE}.
     */
    public void writeClientProperties(Path file, Credentials credentials) {
        write(file, credentials, "");
    }

    /** As {@link #writeClientProperties}, each key prefixed {@code kafka.}, as a Quarkus service reads them. */
    public void writeServiceProperties(Path file, Credentials credentials) {
        write(file, credentials, "kafka.");
    }

    static String jaasConfig(Credentials credentials) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + credentials.user()
                + "\" password=\"" + credentials.password() + "\";";
    }

    private void write(Path file, Credentials credentials, String prefix) {
        Properties properties = new Properties();
        clientSettings(credentials).forEach((name, value) -> properties.setProperty(prefix + name, value));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "Kafka client settings of " + credentials.user() + "; holds its password");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format the client settings of " + credentials.user(), e);
        }
        Secrets.privateDirectory(file.toAbsolutePath().getParent());
        Secrets.write(file, text.toString());
    }

    @Override
    public String toString() {
        return "BrokerSecurity[" + bootstrapServers + ", SASL_SSL/" + SecureListeners.MECHANISM + ", truststore="
                + truststore + "]";
    }
}
