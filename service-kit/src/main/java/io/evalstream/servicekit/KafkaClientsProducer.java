package io.evalstream.servicekit;

import io.evalstream.contracts.KafkaClients;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * Every plain Kafka client of a service starts from the whole {@code kafka.*} configuration its channels get, so
 * {@code kafka.security.protocol}, {@code kafka.sasl.*} and {@code kafka.ssl.*} set once reach all of them.
 */
@Singleton
public class KafkaClientsProducer {

    @Produces
    @Singleton
    KafkaClients kafkaClients(Config config) {
        return KafkaClients.fromConfig(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
    }
}
