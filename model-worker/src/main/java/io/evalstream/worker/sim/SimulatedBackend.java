package io.evalstream.worker.sim;

import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.backend.ModelBackend;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import io.evalstream.worker.backend.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Serves a {@link SimulatedModel}: replies after the simulated latency, on a timer rather than a
 * sleeping thread, with token usage estimated from text lengths. Its errors are of the kinds its
 * profile draws (SERVER_ERROR unless configured).
 */
public final class SimulatedBackend implements ModelBackend {

    public static final String KIND = "sim";

    private final SimulatedModel model;
    private final Scheduler scheduler;

    public SimulatedBackend(SimulatedModel model, Scheduler scheduler) {
        this.model = model;
        this.scheduler = scheduler;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public CompletionStage<ModelReply> complete(PromptTask task) {
        SimulatedAnswer answer = model.answer(task);
        CompletableFuture<ModelReply> reply = new CompletableFuture<>();
        if (answer.latency().isZero()) {
            settle(reply, task, answer);
        } else {
            scheduler.after(answer.latency(), () -> settle(reply, task, answer));
        }
        return reply;
    }

    private static void settle(CompletableFuture<ModelReply> reply, PromptTask task, SimulatedAnswer answer) {
        if (answer.outcome() == SimulatedAnswer.Outcome.ERROR) {
            reply.completeExceptionally(new ModelCallException(answer.errorKind(), answer.text()));
        } else if (answer.scores() != null) {
            reply.complete(ModelReply.scored(task, answer.scores(), ModelReply.estimateTokens(task.prompt())));
        } else {
            reply.complete(ModelReply.withEstimatedUsage(task.prompt(), answer.text()));
        }
    }
}
