package io.evalstream.worker.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.Tasks;
import io.evalstream.worker.backend.ModelRouter;
import io.evalstream.worker.backend.Scheduler;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SimulatedBackendTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Scheduler scheduler = (delay, action) -> timer.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private ModelRouter router(SimProfile profile) {
        return new ModelRouter(Map.of("sim-m", new SimulatedBackend(new SimulatedModel(profile), scheduler)));
    }

    @Test
    void zeroLatencyCompletionIsReadyAtOnceLabelledSimulatedWithEstimatedTokens() {
        PromptTask task = Tasks.numeric("run-1", "sim-m", "q1", "72");

        CompletableFuture<Completion> stage = router(SimProfile.ofAccuracy(1, 1)).complete(task).toCompletableFuture();

        assertThat(stage).isDone();
        Completion completion = stage.join();
        assertThat(completion.status()).isEqualTo(CompletionStatus.OK);
        assertThat(completion.simulated()).isTrue();
        assertThat(completion.backend()).isEqualTo("sim");
        assertThat(completion.attempts()).isEqualTo(1);
        assertThat(completion.text()).startsWith("[simulated]").endsWith("The answer is 72.");
        assertThat(completion.usage().promptTokens()).isEqualTo((task.prompt().length() + 3) / 4);
        assertThat(completion.usage().completionTokens()).isEqualTo((completion.text().length() + 3) / 4);
    }

    @Test
    void simulatedErrorBecomesAServerErrorCompletion() {
        SimProfile alwaysFails = new SimProfile(0.5, Map.of(), Duration.ZERO, 0, 1, 0, 1);

        Completion completion = router(alwaysFails).complete(Tasks.choice("run-1", "sim-m", "q1", "B"))
                .toCompletableFuture().join();

        assertThat(completion.status()).isEqualTo(CompletionStatus.ERROR);
        assertThat(completion.error().kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(completion.error().message()).startsWith("[simulated]");
        assertThat(completion.backend()).isEqualTo("sim");
        assertThat(completion.text()).isNull();
    }

    @Test
    void delayedRepliesWaitOnATimerConcurrentlyNotOneAfterAnother() {
        // Counted, not timed: a timer that only records what it was asked to run shows every call waiting at once
        // (one at a time, only the first would be waiting), and runs none until the test says so.
        List<Duration> delays = new ArrayList<>();
        List<Runnable> waiting = new ArrayList<>();
        Scheduler recording = (delay, action) -> {
            delays.add(delay);
            waiting.add(action);
        };
        ModelRouter router = new ModelRouter(Map.of("sim-m", new SimulatedBackend(new SimulatedModel(
                new SimProfile(0.5, Map.of(), Duration.ofMillis(200), 0, 0, 0, 1)), recording)));
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

        List<CompletableFuture<Completion>> stages = IntStream.range(0, 500)
                .mapToObj(i -> router.complete(Tasks.numeric("run-1", "sim-m", "q" + i, "1")).toCompletableFuture())
                .toList();

        assertThat(waiting).as("calls waiting on the timer at once").hasSize(500);
        assertThat(delays).containsOnly(Duration.ofMillis(200));
        assertThat(stages).noneMatch(CompletableFuture::isDone);
        // A few JVM threads may come and go meanwhile; a thread per call would be 500.
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore)
                .as("threads started for 500 waiting calls").isLessThan(8);
        List.copyOf(waiting).forEach(Runnable::run);
        assertThat(stages).allSatisfy(s -> assertThat(s.join().status()).isEqualTo(CompletionStatus.OK));
    }
}
