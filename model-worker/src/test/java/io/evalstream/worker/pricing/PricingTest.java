package io.evalstream.worker.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Answer;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Lane;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.ModelError;
import io.evalstream.contracts.PriceList;
import io.evalstream.contracts.Prices;
import io.evalstream.contracts.Rate;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.Tasks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingTest {

    private static final Pricing PRICING = new Pricing(new PriceList(Map.of(
            "priced", new Prices(new Rate(2.5, 10.0), 0.0, List.of(), new Rate(1.25, 5.0)),
            "no-batch", new Prices(new Rate(2.5, 10.0)))));

    @ParameterizedTest(name = "{0} {1} via {2}: {3}")
    @CsvSource(nullValues = "unknown", value = {
            // 1000 * 2.5 / 1e6 + 200 * 10 / 1e6
            "priced, OK, openai, 0.0045, STANDARD",
            "priced, OK, openai-batch, 0.00225, BATCH",
            // a failed call reports no usage and is not billed; a task never sent costs nothing
            "priced, ERROR, openai, 0.0, STANDARD",
            "priced, ERROR, none, 0.0, STANDARD",
            "no-batch, OK, openai-batch, unknown, BATCH",
            "no-batch, ERROR, openai-batch, unknown, BATCH",
            // no price: unknown, never 0
            "unpriced, OK, openai, unknown, STANDARD",
            "unpriced, ERROR, none, unknown, STANDARD"})
    void pricesTheAnswerAtItsModelsPriceForItsLane(String model, String status, String backend, Double usd,
            Lane lane) {
        Completion completion = status.equals("OK")
                ? Completion.of(Tasks.numeric("run-1", model, "q1", "72"), Answer.ok("72"),
                        ModelCall.now(backend, false, 10, 1, new TokenUsage(1000, 200)))
                : Completion.failed(Tasks.numeric("run-1", model, "q1", "72"),
                        new ModelError(ErrorKind.SERVER_ERROR, "503"), backend, 10, 3);
        Completion priced = PRICING.priced(completion);
        assertThat(priced.spend().lane()).isEqualTo(lane);
        if (usd == null) {
            assertThat(priced.spend().usd()).isNull();
        } else {
            assertThat(priced.spend().usd()).isCloseTo(usd, org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(priced.withSpend(null)).isEqualTo(completion);
    }
}
