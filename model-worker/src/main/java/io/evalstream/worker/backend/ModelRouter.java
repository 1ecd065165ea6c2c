package io.evalstream.worker.backend;

import io.evalstream.contracts.Causes;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.ModelError;
import io.evalstream.contracts.PromptTask;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Sends each task to the backend that serves its model and turns whatever happens, after the backend's
 * retries, into one {@link Completion}: the reply, or a failed completion carrying the classified error. The returned
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

    /** The backend kind on the error completion of a task whose model no backend here serves. */
    public static final String NO_BACKEND = "none";

    /**
     * Serves the task (with the backend's retries, if any); the stage always completes normally. A task for a model
     * this worker does not serve ends at once as a NO_WORKER_FOR_MODEL error completion naming the models it does:
     * dead-lettered, it would never be graded and its run never complete.
     */
    public CompletionStage<Completion> complete(PromptTask task) {
        ModelBackend backend = backends.get(task.taskId().modelId());
        if (backend == null) {
            return CompletableFuture.completedStage(unserved(task));
        }
        CompletionStage<Served> served;
        try {
            served = backend.serve(task);
        } catch (RuntimeException e) {
            served = CompletableFuture.completedFuture(Served.failed(e, 1, 0));
        }
        return served.handle((outcome, bug) -> outcome != null ? outcome : Served.failed(bug, 1, 0))
                .thenApply(outcome -> completion(task, backend, outcome));
    }

    /** Whether a backend here serves the task's model. */
    public boolean serves(PromptTask task) {
        return backends.containsKey(task.taskId().modelId());
    }

    private Completion unserved(PromptTask task) {
        ModelError error = new ModelError(ErrorKind.NO_WORKER_FOR_MODEL, "model '" + task.taskId().modelId()
                + "' is not configured on this worker; configured: " + models());
        // No call was made, but the wire counts attempts from 1: the routing decision is the one attempt.
        return Completion.failed(task, error, NO_BACKEND, 0, 1);
    }

    private static Completion completion(PromptTask task, ModelBackend backend, Served served) {
        ModelReply reply = served.reply();
        if (reply != null) {
            Long firstToken = reply.firstTokenMillis() == null ? null
                    : Math.min(reply.firstTokenMillis(), served.latencyMillis());
            ModelCall call = ModelCall.now(backend.kind(), backend.simulated(), served.latencyMillis(),
                    served.attempts(), reply.usage()).withFirstTokenMillis(firstToken);
            return Completion.answered(task, reply.text(), call, reply.scores());
        }
        return Completion.failed(task, error(task, backend, served.failure()), backend.kind(), served.latencyMillis(),
                served.attempts());
    }

    private static ModelError error(PromptTask task, ModelBackend backend, Throwable failure) {
        ModelCallException call = ErrorClassifier.findCall(failure);
        if (call != null) {
            return call.toError();
        }
        ErrorKind kind = ErrorClassifier.of(failure);
        Throwable root = Causes.root(failure);
        if (kind == ErrorKind.INTERNAL) {
            LOG.errorf(failure, "Backend %s failed on task %s with an unexpected %s; this is a bug, recorded as an"
                    + " INTERNAL error completion", backend.kind(), task.taskId(), root.getClass().getName());
        }
        return new ModelError(kind, backend.kind() + " backend failed: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    @Override
    public void close() {
        backends.values().forEach(ModelBackend::close);
    }
}
