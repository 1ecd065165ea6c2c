package io.evalstream.grader.messaging;

import io.evalstream.benchmarks.grading.Grader;
import io.evalstream.benchmarks.grading.ProgramRunner.ProgramRun;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Grade;
import io.evalstream.grader.config.SandboxSettings;
import io.evalstream.grader.execution.HarnessRunner;
import io.evalstream.sandbox.Execution;
import io.evalstream.sandbox.Sandbox;
import io.evalstream.sandbox.SandboxConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Grades code completions by running them in the sandbox, on threads of their own: an execution blocks for up
 * to the wall-time limit, which must hold up neither the Kafka consumer nor the grading of other completions.
 * Counts {@code evalstream_code_executions_total{status}} and times {@code evalstream_code_execution_seconds}.
 */
@ApplicationScoped
public class CodeExecutions {

    private final HarnessRunner harness;
    private final int slots;
    private final ExecutorService executor;
    private final Map<Execution.Status, Counter> executions = new EnumMap<>(Execution.Status.class);
    private final Timer duration;

    CodeExecutions(Sandbox sandbox, SandboxSettings settings, MeterRegistry registry) {
        this.harness = new HarnessRunner(sandbox);
        // As many threads as the sandbox has slots, so no execution waits on a thread while a slot is free.
        this.slots = settings.slots().orElse(SandboxConfig.defaults().slots());
        this.executor = Executors.newFixedThreadPool(slots, Thread.ofPlatform().name("sandbox-", 0).daemon(true)
                .factory());
        for (Execution.Status status : Execution.Status.values()) {
            executions.put(status, Counter.builder("evalstream.code.executions")
                    .description("Programs run in the code sandbox, by outcome").tag("status", status.name())
                    .register(registry));
        }
        this.duration = Timer.builder("evalstream.code.execution").description("Wall time of sandboxed programs")
                .register(registry);
    }

    /**
     * @return the grade; an UNGRADABLE error grade when the sandbox could not run the program (no fault of the
     *         model, so not INCORRECT; and a retry would fail the same way, so not left on the DLQ)
     */
    Uni<Grade> grade(Completion completion) {
        return execute(completion).onFailure(SandboxUnavailableException.class)
                .recoverWithItem(e -> Grader.ungradableCode(completion, e.getMessage(), Instant.now()));
    }

    /**
     * Runs the completion's program in the sandbox and grades it, on the sandbox's threads.
     *
     * @return the grade, or a failure with the sandbox's reason when it could not run the program at all
     */
    public Uni<Grade> execute(Completion completion) {
        return Uni.createFrom().item(() -> Grader.gradeCode(completion, this::run, Instant.now()))
                .runSubscriptionOn(executor);
    }

    /** How many programs the sandbox runs at once: more in flight only wait for a slot. */
    public int slots() {
        return slots;
    }

    private ProgramRun run(String program) {
        HarnessRunner.Checked checked = harness.run(program);
        Execution execution = checked.execution();
        // A clean exit that never confirmed check() returned is counted as the failure it is graded as.
        Execution.Status counted = execution.passed() && !checked.run().passed() ? Execution.Status.FAILED
                : execution.status();
        executions.get(counted).increment();
        duration.record(execution.wallTime());
        if (execution.status().isSandboxFault()) {
            throw new SandboxUnavailableException(execution.reason());
        }
        return checked.run();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
