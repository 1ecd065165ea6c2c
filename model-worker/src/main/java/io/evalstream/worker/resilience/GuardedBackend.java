package io.evalstream.worker.resilience;

import io.evalstream.contracts.Causes;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.backend.ErrorClassifier;
import io.evalstream.worker.backend.ModelBackend;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import io.evalstream.worker.backend.Served;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Wraps one model's backend in the guards of its {@link ResiliencePolicy}, outermost first: retry with
 * backoff (SmallRye), the model's circuit breaker (SmallRye), then for each try the rate budget (Bucket4j)
 * and the concurrency cap (a queue of futures), and last the call under its timeout (SmallRye). Every wait
 * is a future: no thread is held while a task waits for a budget, a permit, a backoff or a reply. Waiting
 * sits inside the breaker but outside the timeout, so a queued call never times out before it is sent.
 */
public final class GuardedBackend implements ModelBackend {

    private static final Logger LOG = Logger.getLogger(GuardedBackend.class);
    private static final TypeLiteral<CompletionStage<ModelReply>> REPLY = new TypeLiteral<>() {
    };

    private final ModelBackend backend;
    private final ResiliencePolicy policy;
    private final CallListener listener;
    private final TypedGuard<CompletionStage<ModelReply>> retryAndBreaker;
    private final TypedGuard<CompletionStage<ModelReply>> timeout;
    private final AsyncPermits permits;
    private final RateBudget budget;
    /** The last failure that counted against the breaker, to say why it is open. */
    private final AtomicReference<ModelCallException> lastUnhealthy = new AtomicReference<>();

    /** @param share this replica's part of the work, and so of the policy's global rate budgets */
    public GuardedBackend(ModelBackend backend, ResiliencePolicy policy, WorkShare share,
            ScheduledExecutorService scheduler, CallListener listener) {
        this.backend = backend;
        this.policy = policy;
        this.listener = listener;
        this.permits = new AsyncPermits(policy.limits().maxConcurrency());
        this.budget = new RateBudget(policy.limits().requestsPerMinute(), policy.limits().tokensPerMinute(), share,
                scheduler, listener);
        this.retryAndBreaker = TypedGuard.create(REPLY)
                .withDescription("model " + policy.model())
                .withRetry()
                .maxRetries(policy.retry().maxAttempts() - 1)
                .delay(policy.retry().initialDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(policy.worstCase().toMillis(), ChronoUnit.MILLIS)
                .whenException(this::worthRetrying)
                .beforeRetry(failure -> listener.retrying(reason(failure)))
                .withCustomBackoff()
                .strategy(() -> new RetryBackoff(policy.retry().maxDelay(), policy.retry().jitter(),
                        policy.breaker().delay()))
                .done()
                .done()
                .withCircuitBreaker()
                .requestVolumeThreshold(policy.breaker().requestVolume())
                .failureRatio(policy.breaker().failureRatio())
                .delay(policy.breaker().delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .when(failure -> ErrorClassifier.unhealthy(ErrorClassifier.of(failure)))
                .onStateChange(state -> listener.breakerChanged(BreakerState.valueOf(state.name())))
                .done()
                .withThreadOffload(false)
                .build();
        this.timeout = TypedGuard.create(REPLY)
                .withDescription("call to model " + policy.model())
                .withTimeout().duration(policy.requestTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .withThreadOffload(false)
                .build();
        listener.breakerChanged(BreakerState.CLOSED);
    }

    @Override
    public String kind() {
        return backend.kind();
    }

    @Override
    public boolean simulated() {
        return backend.simulated();
    }

    @Override
    public CompletionStage<ModelReply> complete(PromptTask task) {
        return serve(task).thenCompose(served -> served.reply() != null
                ? CompletableFuture.completedStage(served.reply()) : CompletableFuture.failedStage(served.failure()));
    }

    @Override
    public CompletionStage<Served> serve(PromptTask task) {
        Tries tries = new Tries();
        CompletionStage<ModelReply> outcome;
        try {
            outcome = retryAndBreaker.get(() -> tryOnce(task, tries));
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedStage(e);
        }
        return outcome.handle((reply, failure) -> failure == null
                ? Served.ok(reply, Math.max(1, tries.calls.get()), tries.lastMillis.get())
                : Served.failed(terminal(failure, tries), Math.max(1, tries.calls.get()), tries.lastMillis.get()));
    }

    /** One try: wait for the budgets and a permit, then call under the timeout. Fails only with a classified error. */
    private CompletionStage<ModelReply> tryOnce(PromptTask task, Tries tries) {
        return budget.acquire(task).thenCompose(reserved -> permits.acquire().thenCompose(permit -> {
            CompletableFuture<ModelReply> result = new CompletableFuture<>();
            tries.calls.incrementAndGet();
            listener.callStarted();
            long start = System.nanoTime();
            CompletionStage<ModelReply> call;
            try {
                call = timeout.get(() -> backend.complete(task));
            } catch (RuntimeException e) {
                call = CompletableFuture.failedStage(e);
            }
            call.whenComplete((reply, failure) -> {
                permits.release();
                tries.lastMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                budget.settle(reserved, task, reply != null ? reply.usage() : null);
                if (failure == null) {
                    listener.callEnded(null);
                    result.complete(reply);
                } else {
                    ModelCallException classified = classify(failure);
                    listener.callEnded(classified.kind());
                    if (ErrorClassifier.unhealthy(classified.kind())) {
                        lastUnhealthy.set(classified);
                    }
                    result.completeExceptionally(classified);
                }
            });
            return result;
        }));
    }

    private ModelCallException classify(Throwable failure) {
        ModelCallException call = ErrorClassifier.findCall(failure);
        if (call != null) {
            return call;
        }
        if (isTimeout(failure)) {
            return new ModelCallException(ErrorKind.TIMEOUT, backend.kind() + " call to model " + policy.model()
                    + " gave no reply within " + policy.requestTimeout());
        }
        ErrorKind kind = ErrorClassifier.of(failure);
        if (kind == ErrorKind.INTERNAL) {
            LOG.errorf(failure, "Backend %s of model %s failed unexpectedly; this is a bug, recorded as an INTERNAL"
                    + " error completion", backend.kind(), policy.model());
        }
        return new ModelCallException(kind, backend.kind() + " backend failed: " + describe(failure), failure);
    }

    private boolean worthRetrying(Throwable failure) {
        if (RetryBackoff.isBreakerOpen(failure)) {
            return true;
        }
        ModelCallException call = ErrorClassifier.findCall(failure);
        return call != null && ErrorClassifier.retryable(call)
                && (call.retryAfter() == null || call.retryAfter().compareTo(policy.retry().maxDelay()) <= 0);
    }

    /** What the task's error completion says: the last call's failure, or why the breaker kept refusing. */
    private Throwable terminal(Throwable failure, Tries tries) {
        if (!RetryBackoff.isBreakerOpen(failure)) {
            ModelCallException call = ErrorClassifier.findCall(failure);
            Duration maxDelay = policy.retry().maxDelay();
            if (call != null && call.retryAfter() != null && call.retryAfter().compareTo(maxDelay) > 0) {
                return new ModelCallException(call.kind(), call.getMessage() + " (the server asked to retry after "
                        + call.retryAfter() + ", longer than retry.max-delay " + policy.retry().maxDelay() + ")");
            }
            return failure;
        }
        ModelCallException cause = lastUnhealthy.get();
        String message = "circuit breaker of model " + policy.model() + " is open after repeated failures; "
                + tries.calls.get() + " of " + policy.retry().maxAttempts() + " tries reached the model"
                + (cause == null ? "" : "; last failure: " + cause.getMessage());
        return new ModelCallException(cause == null ? ErrorKind.SERVER_ERROR : cause.kind(), message);
    }

    private static boolean isTimeout(Throwable failure) {
        return Causes.find(failure, TimeoutException.class).isPresent();
    }

    private static String reason(Throwable failure) {
        return RetryBackoff.isBreakerOpen(failure) ? "breaker_open"
                : ErrorClassifier.of(failure).name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String describe(Throwable failure) {
        return Causes.describeRoot(failure);
    }

    @Override
    public void close() {
        backend.close();
    }

    /** Per task: calls made so far and the wall time of the last one. */
    private static final class Tries {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicLong lastMillis = new AtomicLong();
    }
}
