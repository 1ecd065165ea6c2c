package io.evalstream.worker.messaging;

import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.RunDirectory;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The runs this worker knows of, read from the runs topic for as long as the worker runs. */
final class RunDirectoryProducer {

    @Produces
    @Singleton
    RunDirectory runs(KafkaClients kafka) {
        return RunDirectory.start(kafka);
    }

    void close(@Disposes RunDirectory runs) {
        runs.close();
    }
}
