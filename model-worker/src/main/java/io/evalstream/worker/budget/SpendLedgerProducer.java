package io.evalstream.worker.budget;

import io.evalstream.contracts.KafkaClients;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** This worker's spend on budgeted runs, shared with the other replicas through the spend topic while it runs. */
final class SpendLedgerProducer {

    @Produces
    @Singleton
    SpendLedger spend(KafkaClients kafka) {
        return SpendLedger.start(kafka);
    }

    void close(@Disposes SpendLedger spend) {
        spend.close();
    }
}
