package io.evalstream.contracts;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one way plain Kafka clients are built: every producer, consumer and admin client of a service starts from the
 * service's whole Kafka client configuration (bootstrap servers, {@code security.protocol}, {@code sasl.*},
 * {@code ssl.*}, ...), the same settings its messaging channels and Kafka Streams get, and adds only what that client
 * is for. So a secured cluster is configured once per service. A test fails when main code builds a client any other
 * way.
 *
 * <p>Never logged or printed: the settings may hold passwords.
 */
public final class KafkaClients {

    private final Map<String, Object> settings;

    private KafkaClients(Map<String, Object> settings) {
        if (!(settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) instanceof String servers) || servers.isBlank()) {
            throw new IllegalArgumentException("Kafka client settings name no bootstrap.servers; set"
                    + " kafka.bootstrap.servers (or KAFKA_BOOTSTRAP_SERVERS)");
        }
        this.settings = Map.copyOf(settings);
    }

    /** From client settings as Kafka names them ({@code bootstrap.servers}, {@code security.protocol}, ...). */
    public static KafkaClients of(Map<String, ?> settings) {
        Map<String, Object> copy = new HashMap<>();
        settings.forEach((name, value) -> {
            if (value != null && !(value instanceof String text && text.isEmpty())) {
                copy.put(name, value);
            }
        });
        return new KafkaClients(copy);
    }

    /**
     * From a service's configuration: every {@code kafka.*} property with the prefix removed, and every
     * {@code KAFKA_*} environment variable as the property it stands for ({@code KAFKA_SASL_JAAS_CONFIG} is
     * {@code sasl.jaas.config}), as the messaging channels read them. {@code kafka-streams.*} is Kafka Streams' own.
     */
    public static KafkaClients fromConfig(Iterable<String> names, Function<String, Optional<String>> value) {
        Map<String, String> settings = prefixed(names, value, "kafka.", "KAFKA_");
        settings.keySet().removeIf(name -> name.startsWith("streams."));
        return of(settings);
    }

    /**
     * The properties named {@code dotted + x} or (environment form) {@code underscored + X_Y}, as {@code x} and
     * {@code x.y}; a dotted name wins over the environment form of the same property.
     */
    public static Map<String, String> prefixed(Iterable<String> names, Function<String, Optional<String>> value,
            String dotted, String underscored) {
        Map<String, String> fromEnvironment = new HashMap<>();
        Map<String, String> fromProperties = new HashMap<>();
        for (String name : names) {
            if (name.startsWith(dotted)) {
                value.apply(name).ifPresent(found -> fromProperties.put(name.substring(dotted.length()), found));
            } else if (name.startsWith(underscored) && name.equals(name.toUpperCase(Locale.ROOT))) {
                value.apply(name).ifPresent(found -> fromEnvironment.put(name.substring(underscored.length())
                        .toLowerCase(Locale.ROOT).replace('_', '.'), found));
            }
        }
        fromEnvironment.putAll(fromProperties);
        return fromEnvironment;
    }

    /** A plaintext broker at {@code bootstrapServers}, nothing else set. */
    public static KafkaClients plaintext(String bootstrapServers) {
        return of(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Where the clients connect; safe to show. */
    public String bootstrapServers() {
        return (String) settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** The security protocol the clients use ({@code PLAINTEXT} when none is set); safe to show. */
    public String securityProtocol() {
        return String.valueOf(settings.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"));
    }

    /** The shared settings with {@code specific} on top, for clients built elsewhere (Kafka Streams). */
    public Properties with(Map<String, ?> specific) {
        Properties result = new Properties();
        result.putAll(settings);
        result.putAll(specific);
        return result;
    }

    /** A producer of string keys and byte values; {@code specific} adds to or overrides the shared settings. */
    public KafkaProducer<String, byte[]> producer(String clientId, Map<String, ?> specific) {
        return new KafkaProducer<>(named(clientId, specific), new StringSerializer(), new ByteArraySerializer());
    }

    /** A consumer of string keys and byte values; {@code specific} adds to or overrides the shared settings. */
    public KafkaConsumer<String, byte[]> consumer(String clientId, Map<String, ?> specific) {
        return new KafkaConsumer<>(named(clientId, specific), new StringDeserializer(), new ByteArrayDeserializer());
    }

    public Admin admin(String clientId) {
        return Admin.create(named(clientId, Map.of()));
    }

    private Properties named(String clientId, Map<String, ?> specific) {
        Properties result = with(specific);
        result.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return result;
    }

    @Override
    public String toString() {
        // Never the settings: sasl.jaas.config and ssl.*.password are secrets.
        return bootstrapServers() + " (" + securityProtocol() + ")";
    }
}
