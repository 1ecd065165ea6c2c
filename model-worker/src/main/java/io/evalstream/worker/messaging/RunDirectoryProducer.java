package io.evalstream.worker.messaging;

import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.RunDirectory;
import io.evalstream.contracts.StopDirectory;
import io.evalstream.worker.budget.SpendLedger;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The runs this worker knows of and the comparisons stopped early, each read from its compacted topic for as long as
 * the worker runs.
 */
final class RunDirectoryProducer {

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

    @Produces
    @Singleton
    SpendLedger spend(KafkaClients kafka) {
        return SpendLedger.start(kafka);
    }

    void close(@Disposes SpendLedger spend) {
        spend.close();
    }

    void close(@Disposes RunDirectory runs) {
        runs.close();
    }

    void close(@Disposes StopDirectory stops) {
        stops.close();
    }
}
