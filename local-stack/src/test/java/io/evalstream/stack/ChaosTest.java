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
        killMidRunAndRestart("model-worker", stack.liveWorkers().getFirst());
    }

    @Test
    void theGraderKilledMidRunAndRestartedLeavesExactCounts() {
        killMidRunAndRestart("grader", stack.service("grader-service"));
    }

    @Test
    void theAggregatorKilledWhileGradesFlowAndRestartedOnItsStateDirectoryLeavesExactCounts() {
        killMidRunAndRestart("aggregator", stack.aggregatorProcess());
    }

    private static void killMidRunAndRestart(String name, ServiceProcess victim) {
        String runId = "e2e-chaos-" + name + "-" + System.currentTimeMillis();
        ServiceProcess worker = stack.liveWorkers().getFirst();
        ExactCounts.MidRun midRun = ExactCounts.startAndAwaitMidRun(client, worker, runId);
        if (victim == worker) {
            assertThat(midRun.served()).as("tasks the worker had served when killed").isLessThan(midRun.tasks());
        }
        assertThat(victim.kill()).as("exit code of the %s killed by SIGKILL", name).isEqualTo(137);
        stack.restart(victim);

        ExactCounts.Outcome outcome = ExactCounts.verify(stack, client, runId);
        ExactCounts.assertSameScores(outcome, reference);
        System.out.println(ExactCounts.summary(name + " killed", midRun, outcome));
    }
}
