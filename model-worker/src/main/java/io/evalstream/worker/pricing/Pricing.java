package io.evalstream.worker.pricing;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.PriceList;
import io.evalstream.contracts.Prices;
import io.evalstream.contracts.Spend;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.backend.ModelRouter;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Puts a price on every completion just before it is published, whichever lane served it. Only the answer's call is
 * billed: a failed try reports no usage (providers bill neither a 429 nor a 5xx), and a completion without a call
 * (no worker for the model, stopped early, over budget) costs nothing. A model without a price gets an unknown
 * spend, never 0.
 */
public final class Pricing {

    private final PriceList prices;

    public Pricing(PriceList prices) {
        this.prices = prices;
    }

    public Optional<Prices> of(String model) {
        return prices.of(model);
    }

    public Completion priced(Completion completion) {
        return completion.withSpend(spend(completion));
    }

    Spend spend(Completion completion) {
        Optional<Prices> model = prices.of(completion.taskId().modelId());
        if (model.isEmpty()) {
            return Spend.unknown(completion.lane());
        }
        boolean billed = completion.status() == CompletionStatus.OK
                && !ModelRouter.NO_BACKEND.equals(completion.backend());
        OptionalDouble usd = model.get().cost(billed ? completion.usage() : TokenUsage.NONE, completion.lane());
        if (usd.isEmpty()) {
            return Spend.unknown(completion.lane());
        }
        return new Spend(billed ? usd.getAsDouble() : 0.0, completion.lane());
    }
}
