package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped mid-run and started again on its port and log directory: the four services ride it out
 * without a restart, reconnect, and the run ends with every task graded exactly once and the scores of an
 * undisturbed run. Its own stack, so that the other end-to-end tests never meet a broker in the middle of this.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
@Tag("integration")
class BrokerRestartTest {

    @TempDir
    static Path work;
    private static LocalStack stack;
    private static StackClient client;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(StackOptions.of(StackOptions.defaultHome(),
                work, null, SharedStack.WORKER_PROPERTIES));
        client = new StackClient(stack);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theBrokerStoppedMidRunAndStartedAgainOnItsPortAndDataLeavesExactCounts() {
        long now = System.currentTimeMillis();
        String referenceId = "e2e-broker-reference-" + now;
        ExactCounts.submit(client, referenceId);
        ExactCounts.Outcome reference = ExactCounts.verify(stack, client, referenceId);
        List<ServiceProcess> services = stack.services();
        Map<String, Long> pids = pids(services);
        ServiceProcess worker = stack.liveWorkers().getFirst();

        ExactCounts.MidRun midRun = ExactCounts.startAndAwaitMidRun(client, worker, "e2e-broker-restart-" + now);
        long stoppedAt = System.nanoTime();
        stack.kafka().stop();
        assertThat(stack.kafka().isRunning()).isFalse();
        // Down long enough for the services to notice: the worker's readiness (its Kafka clients) turns DOWN.
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.get(worker.uri("/q/health/ready")).statusCode() != 200);
        double downSeconds = (System.nanoTime() - stoppedAt) / 1e9;
        stack.kafka().restart();

        ExactCounts.Outcome outcome = ExactCounts.verify(stack, client, midRun.runId());
        ExactCounts.assertSameScores(outcome, reference);
        assertThat(pids(stack.services())).as("every service rode the outage out in the process it had")
                .isEqualTo(pids);
        assertThat(services).allSatisfy(service -> assertThat(service.isAlive()).as(service.name()).isTrue());
        System.out.println(ExactCounts.summary(String.format("broker stopped (services saw it down after %.1f s)",
                downSeconds), midRun, outcome));
    }

    private static Map<String, Long> pids(List<ServiceProcess> services) {
        return services.stream().collect(Collectors.toMap(ServiceProcess::name, ServiceProcess::pid));
    }
}
