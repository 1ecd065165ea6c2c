package io.evalstream.worker.budget;

import io.evalstream.contracts.Budget;
import io.evalstream.contracts.Lane;
import io.evalstream.contracts.Prices;
import io.evalstream.contracts.Projection;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Spend;
import io.evalstream.worker.pricing.Pricing;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One call's place in its run's budget: the most it can cost (its prompt, estimated at 4 characters per token, and
 * maxTokens of output) held while it is in flight, then replaced by what it cost.
 *
 * @param refused why the call may not be made; null when it was let through and its cost is held
 */
public record BudgetHold(SpendLedger ledger, String runId, String model, long heldNano, String refused) {

    /** Empty when the model has no price: its spend is unknown, so no budget can limit it. */
    public static CompletionStage<Optional<BudgetHold>> of(PromptTask task, Budget budget, Pricing pricing,
            SpendLedger ledger) {
        String model = task.taskId().modelId();
        Optional<Prices> prices = pricing.of(model);
        if (prices.isEmpty()) {
            return CompletableFuture.completedStage(Optional.empty());
        }
        long most = SpendLedger.nano(prices.get().ceiling(Projection.tokens(task.prompt()),
                task.settings().maxTokens(), Lane.STANDARD));
        String runId = task.taskId().runId();
        return ledger.reserve(runId, model, budget, most).thenApply(over -> Optional.of(
                new BudgetHold(ledger, runId, model, over.isPresent() ? 0 : most, over.orElse(null))));
    }

    /** The call ended: its hold becomes what it cost (nothing when unknown, which a priced model never gives). */
    public void settle(Spend spend) {
        ledger.settle(runId, model, heldNano, spend != null && spend.known() ? SpendLedger.nano(spend.usd()) : 0);
    }
}
