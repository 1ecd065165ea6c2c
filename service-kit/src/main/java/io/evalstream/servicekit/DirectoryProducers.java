package io.evalstream.servicekit;

import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.RunDirectory;
import io.evalstream.contracts.StopDirectory;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The runs a service knows of and the comparisons stopped early, each read from its compacted topic for as long as
 * the service runs. A service that injects neither starts neither: Quarkus removes unused beans at build time.
 */
@Singleton
public class DirectoryProducers {

    @Produces
    @Singleton
    RunDirectory runs(KafkaClients kafka) {
        return RunDirectory.start(kafka);
    }

    @Produces
    @Singleton
    StopDirectory stops(KafkaClients kafka) {
        return StopDirectory.start(kafka);
    }

    void close(@Disposes RunDirectory runs) {
        runs.close();
    }

    void close(@Disposes StopDirectory stops) {
        stops.close();
    }
}
