package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crashes mid-run: the model worker, the grader and the aggregator each killed with SIGKILL while a paced run is
 * being graded and started again as a supervisor would (same port, same configuration, the aggregator on its
 * state directory). Every run still ends with each task graded exactly once and the scores of an undisturbed run.
 * The stack is left as it was found, one of everything, for the other end-to-end tests.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
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
        String runId = "e2e-chaos-worker-" + System.currentTimeMillis();
        long servedBefore = ExactCounts.served(client, worker);
        long tasks = ExactCounts.submit(client, runId);

        long graded = ExactCounts.awaitMidRun(client, runId, tasks);
        long served = ExactCounts.served(client, worker) - servedBefore;
        assertThat(served).as("tasks the worker had served when killed").isLessThan(tasks);
        assertThat(worker.kill()).as("exit code of a JVM killed by SIGKILL").isEqualTo(137);
        stack.restart(worker);

        ExactCounts.Outcome outcome = ExactCounts.verify(stack, client, runId);
        ExactCounts.assertSameScores(outcome, reference);
        System.out.println(ExactCounts.summary("model-worker killed", graded, served, outcome));
    }

    @Test
    void theGraderKilledMidRunAndRestartedLeavesExactCounts() {
        ServiceProcess grader = stack.service("grader-service");
        ServiceProcess worker = stack.liveWorkers().getFirst();
        String runId = "e2e-chaos-grader-" + System.currentTimeMillis();
        long servedBefore = ExactCounts.served(client, worker);
        long tasks = ExactCounts.submit(client, runId);

        long graded = ExactCounts.awaitMidRun(client, runId, tasks);
        long served = ExactCounts.served(client, worker) - servedBefore;
        assertThat(served).as("tasks served when the grader was killed").isLessThan(tasks);
        assertThat(grader.kill()).as("exit code of a JVM killed by SIGKILL").isEqualTo(137);
        stack.restart(grader);

        ExactCounts.Outcome outcome = ExactCounts.verify(stack, client, runId);
        ExactCounts.assertSameScores(outcome, reference);
        System.out.println(ExactCounts.summary("grader killed", graded, served, outcome));
    }

    @Test
    void theAggregatorKilledWhileGradesFlowAndRestartedOnItsStateDirectoryLeavesExactCounts() {
        ServiceProcess aggregator = stack.aggregatorProcess();
        ServiceProcess worker = stack.liveWorkers().getFirst();
        String runId = "e2e-chaos-aggregator-" + System.currentTimeMillis();
        long servedBefore = ExactCounts.served(client, worker);
        long tasks = ExactCounts.submit(client, runId);

        long graded = ExactCounts.awaitMidRun(client, runId, tasks);
        long served = ExactCounts.served(client, worker) - servedBefore;
        assertThat(served).as("tasks served when the aggregator was killed: grades were still to come")
                .isLessThan(tasks);
        assertThat(aggregator.kill()).as("exit code of a JVM killed by SIGKILL").isEqualTo(137);
        stack.restart(aggregator);

        ExactCounts.Outcome outcome = ExactCounts.verify(stack, client, runId);
        ExactCounts.assertSameScores(outcome, reference);
        System.out.println(ExactCounts.summary("aggregator killed", graded, served, outcome));
    }
}
