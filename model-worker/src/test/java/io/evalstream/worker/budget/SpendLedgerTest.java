package io.evalstream.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Budget;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.worker.StubOpenAiResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two ledgers on the real broker stand for two worker replicas (the booted worker created the spend topic): each
 * sees what the other committed, and one waits for its own calls in flight rather than refusing.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubOpenAiResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
@Tag("integration")
class SpendLedgerTest {

    private static final long DOLLAR = SpendLedger.nano(1.0);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aReplicaSeesTheOthersHoldsAndSpendAndNeverLetsTheBudgetBePassed() throws Exception {
        String run = "run-" + UUID.randomUUID().toString().substring(0, 8);
        Budget budget = new Budget(null, Map.of("gpt", 1.0));
        try (SpendLedger a = SpendLedger.start(KafkaClients.plaintext(bootstrapServers));
                SpendLedger b = SpendLedger.start(KafkaClients.plaintext(bootstrapServers))) {
            assertThat(a.reserve(run, "gpt", budget, 6 * DOLLAR / 10).get()).isEmpty();

            // b holds nothing of the run, so it refuses at once, once it has read a's hold of $0.60. (Asking before
            // that would let b hold $0.50 itself, and its next ask would wait for that call to end.)
            await().atMost(Duration.ofSeconds(30)).until(() -> b.committedNano(run, "gpt") == 6 * DOLLAR / 10);
            assertThat(b.reserve(run, "gpt", budget, DOLLAR / 2).get().orElseThrow())
                    .contains("model gpt's budget of $1.0000 is reached").contains("up to $0.5000");

            // a's call cost $0.10: once b reads that, $0.50 fits beside it.
            a.settle(run, "gpt", 6 * DOLLAR / 10, DOLLAR / 10);
            await().atMost(Duration.ofSeconds(30)).until(() -> b.reserve(run, "gpt", budget, DOLLAR / 2).get()
                    .isEmpty());

            // a now sees $0.10 spent by itself and $0.50 held by b: another $0.50 waits for a's own call in flight.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                CompletableFuture<Optional<String>> probe = a.reserve(run, "gpt", budget, 5 * DOLLAR / 10);
                return probe.isDone() && probe.get().isPresent();
            });
            assertThat(a.reserve(run, "gpt", budget, DOLLAR / 4).get()).isEmpty();
            CompletableFuture<Optional<String>> waiting = a.reserve(run, "gpt", budget, DOLLAR / 4);
            assertThat(waiting).isNotDone();
            a.settle(run, "gpt", DOLLAR / 4, 0);
            assertThat(waiting.get()).isEmpty();
        }
    }
}
