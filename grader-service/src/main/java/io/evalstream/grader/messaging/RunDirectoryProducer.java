package io.evalstream.grader.messaging;

import io.evalstream.contracts.RunDirectory;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The runs this grader knows of, read from the runs topic for as long as the grader runs. */
final class RunDirectoryProducer {

    @Produces
    @Singleton
    RunDirectory runs(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        return RunDirectory.start(bootstrapServers);
    }

    void close(@Disposes RunDirectory runs) {
        runs.close();
    }
}
