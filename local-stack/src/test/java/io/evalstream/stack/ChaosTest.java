package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crashes mid-run: the model worker, the grader and the aggregator each killed with SIGKILL while a paced run is
 * being graded and started again as a supervisor would (same port, same configuration, the aggregator on its
 * state directory, and once on an empty one). Every run still ends with each task graded exactly once and the scores of an undisturbed run.
 * The stack is left as it was found, one of everything, for the other end-to-end tests.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
@Tag("integration")
class ChaosTest extends SharedStack {

    private static ExactCounts.Outcome reference;

    /**
     * Two undisturbed runs of the chaos spec at once, under different run ids: they must grade every task alike,
     * which is what lets a disturbed run be held to the same scores.
     */
    @BeforeAll
    static void undisturbedRunsOfTheSameSpecGradeEveryTaskAlike() {
        long now = System.currentTimeMillis();
        List<String> runIds = List.of("e2e-chaos-reference-a-" + now, "e2e-chaos-reference-b-" + now);
        runIds.forEach(runId -> ExactCounts.submit(client, runId));
        reference = ExactCounts.verify(stack, client, runIds.getFirst());
        ExactCounts.assertSameScores(ExactCounts.verify(stack, client, runIds.getLast()), reference);
    }

    @Test
    void theOnlyModelWorkerKilledMidRunAndRestartedLeavesExactCounts() {
        assertThat(stack.liveWorkers()).as("model-worker replicas").hasSize(1);
        ServiceProcess worker = stack.liveWorkers().getFirst();
        ExactCounts.MidRun midRun = crashMidRun("model-worker killed", () -> killAndRestart(worker));
        assertThat(midRun.served()).as("tasks the worker had served when killed").isLessThan(midRun.tasks());
    }

    @Test
    void theGraderKilledMidRunAndRestartedLeavesExactCounts() {
        crashMidRun("grader killed", () -> killAndRestart(stack.service("grader-service")));
    }

    @Test
    void theAggregatorKilledWhileGradesFlowAndRestartedOnItsStateDirectoryLeavesExactCounts() {
        crashMidRun("aggregator killed", () -> killAndRestart(stack.aggregatorProcess()));
    }

    /** Its local stores gone, the new aggregator rebuilds them from the changelogs while the grades still come in. */
    @Test
    void theAggregatorKilledWhileGradesFlowAndReplacedWithAnEmptyStateDirectoryLeavesExactCounts() {
        crashMidRun("aggregator replaced, empty state", stack::replaceAggregator);
    }

    /** Runs the chaos spec, crashes and recovers a service mid-run, and checks the run's exact counts and scores. */
    private static ExactCounts.MidRun crashMidRun(String fault, Runnable crashAndRecover) {
        String runId = "e2e-chaos-" + fault.replaceAll("\\W+", "-") + "-" + System.currentTimeMillis();
        ExactCounts.MidRun midRun = ExactCounts.startAndAwaitMidRun(client, stack.liveWorkers().getFirst(), runId);
        crashAndRecover.run();

        ExactCounts.Outcome outcome = ExactCounts.verify(stack, client, runId);
        ExactCounts.assertSameScores(outcome, reference);
        System.out.println(ExactCounts.summary(fault, midRun, outcome));
        return midRun;
    }

    private static void killAndRestart(ServiceProcess victim) {
        assertThat(victim.kill()).as("exit code of %s killed by SIGKILL", victim.name()).isEqualTo(137);
        stack.restart(victim);
    }
}
