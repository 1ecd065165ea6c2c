package io.evalstream.aggregator.messaging;

import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.StopDirectory;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The comparisons stopped early, for the early stopper (written once) and for reports. */
final class StopDirectoryProducer {

    @Produces
    @Singleton
    StopDirectory stops(KafkaClients kafka) {
        return StopDirectory.start(kafka);
    }

    void close(@Disposes StopDirectory stops) {
        stops.close();
    }
}
