package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.RunReport;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A model's rate budget is global and the replicas alive share it: scaled from 1 to 3 workers mid-run and back to 1,
 * as KEDA would, the model's server never sees more than the budget, because every rebalance gives each replica its
 * share of the tasks partitions, and so of the budget. With a share fixed per replica, three replicas would send
 * three times the budget.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@Tag("integration")
class BudgetFollowsReplicasTest extends SharedStack {

    private static final long PER_SECOND = BUDGET_PER_MINUTE / 60;

    @Test
    void scalingOneToThreeToOneWorkersMidRunKeepsTheServerWithinTheBudget() throws Exception {
        assertThat(stack.liveWorkers()).as("model-worker replicas at the start").hasSize(1);
        int before = STUB.arrivalNanos().size();
        String runId = "e2e-budget-" + System.currentTimeMillis();
        // 420 calls: 42 s at the budget, long enough for two more replicas to boot, join and leave mid-run.
        HttpResponse<String> accepted = client.submit(RunSpecs.json(runId, List.of(BUDGETED_MODEL),
                List.of("gsm8k", "mmlu"), 30, new SettingsOverrides(0, false, 0.7, null, 64, 7L, null), 7));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        await().atMost(Duration.ofMinutes(2)).until(() -> STUB.arrivalNanos().size() - before >= 40);
        List<ServiceProcess> added = stack.startWorkers(2);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            for (ServiceProcess worker : added) {
                assertThat(Files.readString(worker.log())).as("log of %s", worker.name())
                        .containsPattern("This replica owns [1-6] of the 6 partitions");
            }
        });
        long scaledUp = STUB.arrivalNanos().size() - before;
        Thread.sleep(8_000);
        added.forEach(stack::removeReplica);
        long scaledDown = STUB.arrivalNanos().size() - before;

        RunReport report = client.awaitComplete(runId, Duration.ofMinutes(4), r -> { });
        assertThat(Reports.graded(report)).isEqualTo(Reports.expected(report)).isEqualTo(420);
        assertThat(Reports.cell(report, BUDGETED_MODEL, "gsm8k").orElseThrow().counts().errors()).isZero();
        assertThat(scaledDown - scaledUp).as("calls while three replicas served").isPositive();

        List<Long> arrivals = STUB.arrivalNanos().subList(before, STUB.arrivalNanos().size());
        assertThat(arrivals).hasSizeGreaterThanOrEqualTo(420);
        // The replicas' buckets hold together at most one second of the budget, and refill together at most at its
        // rate: any second sees at most two seconds' worth, any ten seconds eleven; the calls are seen at the stub,
        // after a trip from the workers that varies on a loaded machine, so half a second (one second over ten) more.
        // With a share fixed at the whole budget, three replicas sent 54 in a second and 306 in ten.
        System.out.printf("Budget %d/min over 1 -> 3 -> 1 workers: %d calls, at most %d in a second and %d in ten"
                + " seconds (%d while three served)%n", BUDGET_PER_MINUTE, arrivals.size(),
                maxInWindow(arrivals, Duration.ofSeconds(1)), maxInWindow(arrivals, Duration.ofSeconds(10)),
                scaledDown - scaledUp);
        assertThat(maxInWindow(arrivals, Duration.ofSeconds(1))).as("most calls in any second")
                .isLessThanOrEqualTo(2 * PER_SECOND + PER_SECOND / 2);
        assertThat(maxInWindow(arrivals, Duration.ofSeconds(10))).as("most calls in any ten seconds")
                .isLessThanOrEqualTo(12 * PER_SECOND);
        assertThat(stack.liveWorkers()).as("model-worker replicas at the end").hasSize(1);
    }

    private static long maxInWindow(List<Long> sortedNanos, Duration window) {
        long most = 0;
        int end = 0;
        for (int start = 0; start < sortedNanos.size(); start++) {
            while (end < sortedNanos.size() && sortedNanos.get(end) < sortedNanos.get(start) + window.toNanos()) {
                end++;
            }
            most = Math.max(most, end - start);
        }
        return most;
    }
}
