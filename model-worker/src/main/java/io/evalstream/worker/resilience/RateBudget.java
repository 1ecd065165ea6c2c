package io.evalstream.worker.resilience;

import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.backend.ModelReply;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Requests-per-minute and tokens-per-minute budgets of one model on this replica, as Bucket4j token
 * buckets refilled continuously at this replica's {@link WorkShare} of the global budgets, resized whenever a
 * rebalance changes the share. A call over budget waits (a future completed by a scheduler thread, no
 * thread held) instead of being refused. Tokens are not known before the reply, so each call reserves its
 * prompt estimate plus its max tokens, and the difference to the reported usage is given back (or owed)
 * afterwards.
 */
final class RateBudget {

    private static final CompletableFuture<Void> FREE = CompletableFuture.completedFuture(null);

    private final long globalRequests;
    private final long globalTokens;
    private final Bucket requests;
    private final Bucket tokens;
    private volatile long tokenBurst;
    private final ScheduledExecutorService scheduler;
    private final CallListener listener;

    /** @param requestsPerMinute over all replicas, 0 for no request budget; likewise {@code tokensPerMinute} */
    RateBudget(long requestsPerMinute, long tokensPerMinute, WorkShare share, ScheduledExecutorService scheduler,
            CallListener listener) {
        this.globalRequests = requestsPerMinute;
        this.globalTokens = tokensPerMinute;
        WorkShare.Share now = share.current();
        this.requests = requestsPerMinute > 0 ? bucket(requestLimit(now)) : null;
        this.tokenBurst = tokensPerMinute > 0 ? BudgetShare.burst(BudgetShare.of(tokensPerMinute, now), 1) : 0;
        this.tokens = tokensPerMinute > 0 ? bucket(tokenLimit(now)) : null;
        this.scheduler = scheduler;
        this.listener = listener;
        share.onChange(this::resize);
    }

    private BucketConfiguration requestLimit(WorkShare.Share share) {
        long perMinute = BudgetShare.of(globalRequests, share);
        return limit(perMinute, BudgetShare.burst(perMinute, 1));
    }

    private BucketConfiguration tokenLimit(WorkShare.Share share) {
        long perMinute = BudgetShare.of(globalTokens, share);
        return limit(perMinute, BudgetShare.burst(perMinute, 1));
    }

    private static Bucket bucket(BucketConfiguration limit) {
        var builder = Bucket.builder();
        for (Bandwidth bandwidth : limit.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    private static BucketConfiguration limit(long perMinute, long burst) {
        return BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute,
                Duration.ofMinutes(1)).initialTokens(burst).build()).build();
    }

    // Saved tokens are kept as they are, capped by the new burst: a replica whose share grows earns the difference
    // at its new rate instead of receiving it at once, so the replicas together never hold more than one burst of
    // the global budget while the partitions move.
    private void resize(WorkShare.Share share) {
        if (requests != null) {
            requests.replaceConfiguration(requestLimit(share), TokensInheritanceStrategy.AS_IS);
        }
        if (tokens != null) {
            // Takes are capped by tokenBurst: never above the bucket's capacity, before or after the change.
            long burst = BudgetShare.burst(BudgetShare.of(globalTokens, share), 1);
            tokenBurst = Math.min(tokenBurst, burst);
            tokens.replaceConfiguration(tokenLimit(share), TokensInheritanceStrategy.AS_IS);
            tokenBurst = burst;
        }
    }

    /** Completes, with the tokens reserved, once the call fits both budgets. */
    CompletionStage<Long> acquire(PromptTask task) {
        CompletableFuture<Void> request = take(requests, 1, "requests");
        if (tokens == null) {
            return request.thenApply(done -> 0L);
        }
        long wanted = ModelReply.estimateTokens(task.prompt()) + task.settings().maxTokens();
        // Capped by the burst as it is when the tokens are taken: a rebalance may have shrunk it meanwhile, and a
        // bucket never holds more than its burst, so a larger take could never be served.
        return request.thenCompose(done -> {
            long reserve = Math.min(tokenBurst, wanted);
            return take(tokens, reserve, "tokens").thenApply(taken -> reserve);
        });
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
