package io.evalstream.worker.resilience;

import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.backend.ModelReply;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Requests-per-minute and tokens-per-minute budgets of one model on this replica, as Bucket4j token
 * buckets refilled continuously. A call over budget waits (a future completed by a scheduler thread, no
 * thread held) instead of being refused. Tokens are not known before the reply, so each call reserves its
 * prompt estimate plus its max tokens, and the difference to the reported usage is given back (or owed)
 * afterwards.
 */
final class RateBudget {

    private static final CompletableFuture<Void> FREE = CompletableFuture.completedFuture(null);

    private final Bucket requests;
    private final Bucket tokens;
    private final long tokenBurst;
    private final ScheduledExecutorService scheduler;
    private final CallListener listener;

    /** @param requestsPerMinute 0 for no request budget; likewise {@code tokensPerMinute} */
    RateBudget(long requestsPerMinute, long tokensPerMinute, ScheduledExecutorService scheduler,
            CallListener listener) {
        this.requests = requestsPerMinute > 0 ? bucket(requestsPerMinute, BudgetShare.burst(requestsPerMinute, 1))
                : null;
        this.tokenBurst = tokensPerMinute > 0 ? BudgetShare.burst(tokensPerMinute, 1) : 0;
        this.tokens = tokensPerMinute > 0 ? bucket(tokensPerMinute, tokenBurst) : null;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    private static Bucket bucket(long perMinute, long burst) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute,
                Duration.ofMinutes(1)).initialTokens(burst).build()).build();
    }

    /** Completes, with the tokens reserved, once the call fits both budgets. */
    CompletionStage<Long> acquire(PromptTask task) {
        CompletableFuture<Void> request = take(requests, 1, "requests");
        if (tokens == null) {
            return request.thenApply(done -> 0L);
        }
        long reserve = Math.min(tokenBurst, ModelReply.estimateTokens(task.prompt()) + task.settings().maxTokens());
        return request.thenCompose(done -> take(tokens, reserve, "tokens")).thenApply(done -> reserve);
    }

    /** Corrects the token budget once the call's real usage is known ({@code usage} null: only the prompt counted). */
    void settle(long reserved, PromptTask task, TokenUsage usage) {
        if (tokens == null) {
            return;
        }
        long used = usage != null ? usage.promptTokens() + usage.completionTokens()
                : ModelReply.estimateTokens(task.prompt());
        if (reserved > used) {
            tokens.addTokens(reserved - used);
        } else if (used > reserved) {
            tokens.consumeIgnoringRateLimits(used - reserved);
        }
    }

    private CompletableFuture<Void> take(Bucket bucket, long amount, String budget) {
        if (bucket == null || bucket.tryConsume(amount)) {
            return FREE;
        }
        long start = System.nanoTime();
        return bucket.asScheduler().consume(amount, scheduler)
                .whenComplete((done, failure) -> listener.waitedForBudget(budget, System.nanoTime() - start));
    }
}
