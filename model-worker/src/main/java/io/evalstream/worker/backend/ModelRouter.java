package io.evalstream.worker.backend;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.ModelError;
import io.evalstream.contracts.PromptTask;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends each task to the backend that serves its model and turns whatever happens into a
 * {@link Completion}: the reply, or a failed completion carrying the classified error. The returned
 * stage never fails, so one bad call can never stop the stream.
 */
public final class ModelRouter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ModelRouter.class);

    private final Map<String, ModelBackend> backends;

    /** @param backends backend per model id (the modelId of a task id) */
    public ModelRouter(Map<String, ModelBackend> backends) {
        this.backends = new TreeMap<>(backends);
    }

    /** The model ids served, sorted. */
    public Set<String> models() {
        return backends.keySet();
    }

    /** Why this worker cannot serve the task, or empty when it can. */
    public Optional<String> rejection(PromptTask task) {
        String model = task.taskId().modelId();
        if (backends.containsKey(model)) {
            return Optional.empty();
        }
        return Optional.of("model '" + model + "' is not configured on this worker; configured: " + models());
    }

    /** Calls the model once; the stage always completes normally. Call only for a task {@link #rejection} accepts. */
    public CompletionStage<Completion> complete(PromptTask task) {
        ModelBackend backend = backends.get(task.taskId().modelId());
        if (backend == null) {
            throw new IllegalArgumentException(rejection(task).orElseThrow());
        }
        long start = System.nanoTime();
        CompletionStage<ModelReply> call;
        try {
            call = backend.complete(task);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((reply, failure) -> {
            long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (failure == null) {
                // Measured inside the call, so never more than the latency measured around it.
                Long firstToken = reply.firstTokenMillis() == null ? null
                        : Math.min(reply.firstTokenMillis(), latencyMillis);
                return Completion.ok(task, reply.text(), backend.kind(), backend.simulated(), latencyMillis, 1,
                        reply.usage(), firstToken);
            }
            return Completion.failed(task, error(task, backend, failure), backend.kind(), latencyMillis, 1);
        });
    }

    private static ModelError error(PromptTask task, ModelBackend backend, Throwable failure) {
        ModelCallException call = ErrorClassifier.findCall(failure);
        if (call != null) {
            return call.toError();
        }
        ErrorKind kind = ErrorClassifier.of(failure);
        Throwable root = rootCause(failure);
        if (kind == ErrorKind.INTERNAL) {
            LOG.errorf(failure, "Backend %s failed on task %s with an unexpected %s; this is a bug, recorded as an"
                    + " INTERNAL error completion", backend.kind(), task.taskId(), root.getClass().getName());
        }
        return new ModelError(kind, backend.kind() + " backend failed: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 32; depth++) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        backends.values().forEach(ModelBackend::close);
    }
}
