package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PricesTest {

    /** gpt-4o-mini's list price (0.15 / 0.60 per million, cached input 0.075, batch half) plus a long-prompt tier. */
    private static final Prices PRICES = new Prices(new Rate(0.15, 0.60, 0.075), 0.001,
            List.of(new PriceTier(200_000, new Rate(0.30, 1.20))), new Rate(0.075, 0.30));

    @ParameterizedTest(name = "{0} in, {1} out, {2} cached, {3}: {4}")
    @CsvSource({
            // 0.001 per request + 1000*0.15/1e6 + 500*0.60/1e6
            "1000, 500, 0, STANDARD, 0.00145",
            // 400 of the 1000 prompt tokens cached: 600*0.15 + 400*0.075 + 500*0.60, per million, + 0.001
            "1000, 500, 400, STANDARD, 0.00142",
            // 200,000 is not above the tier: the standard price
            "200000, 0, 0, STANDARD, 0.031",
            // 200,001 is: the whole call at the tier's price
            "200001, 1000, 0, STANDARD, 0.0622003",
            // the batch price, never tiered
            "200001, 1000, 0, BATCH, 0.016300075",
            "0, 0, 0, STANDARD, 0.001"})
    void costsAsTheProviderBills(long prompt, long completion, long cached, Lane lane, double usd) {
        assertThat(PRICES.cost(new TokenUsage(prompt, completion, cached), lane).getAsDouble())
                .isCloseTo(usd, within(1e-12));
    }

    @Test
    void aBatchCallWithoutABatchPriceHasNoKnownCost() {
        Prices standardOnly = new Prices(new Rate(1, 2));
        assertThat(standardOnly.cost(new TokenUsage(10, 10), Lane.BATCH)).isEqualTo(OptionalDouble.empty());
        assertThat(standardOnly.cost(new TokenUsage(1_000_000, 1_000_000), Lane.STANDARD).getAsDouble())
                .isEqualTo(3.0);
    }

    @Test
    void theLaneFollowsTheBackendKind() {
        assertThat(Lane.of("openai-batch")).isEqualTo(Lane.BATCH);
        assertThat(Lane.of("openai")).isEqualTo(Lane.STANDARD);
    }

    @Test
    void aPriceFileIsReadWithEveryOptionalPart() {
        PriceList list = PriceList.parse("""
                {"models": {"gpt-4o-mini": {"inputPerMillion": 0.15, "outputPerMillion": 0.60,
                  "cachedInputPerMillion": 0.075, "perRequest": 0.001,
                  "tiers": [{"abovePromptTokens": 200000, "inputPerMillion": 0.30, "outputPerMillion": 1.20}],
                  "batch": {"inputPerMillion": 0.075, "outputPerMillion": 0.30}},
                  "cheap": {"inputPerMillion": 0, "outputPerMillion": 0.5}}}
                """, "prices.json");
        assertThat(list.of("gpt-4o-mini")).contains(PRICES);
        assertThat(list.of("cheap")).contains(new Prices(new Rate(0, 0.5)));
        assertThat(list.of("other")).isEmpty();
        assertThat(list.with(Map.of("cheap", PRICES)).of("cheap")).contains(PRICES);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"models\": {\"m\": {\"inputPerMillion\": 1}}}|model 'm': 'outputPerMillion' is required",
            "{\"models\": {\"m\": {\"inputPerMillion\": 1, \"outputPerMillion\": -2}}}|'outputPerMillion' must be a"
                    + " finite number >= 0",
            "{\"models\": {\"m\": {\"inputPerMillion\": 1, \"outputPerMillion\": 2, \"output\": 3}}}|unknown field"
                    + " 'output'",
            "{\"models\": {\"m\": {\"inputPerMillion\": \"1\", \"outputPerMillion\": 2}}}|'inputPerMillion' must be a"
                    + " number",
            "{\"prices\": {}}|must be an object with \"models\"",
            "{nope|is not JSON"})
    void aBadPriceFileSaysWhatToFix(String json, String message) {
        assertThatThrownBy(() -> PriceList.parse(json, "prices.json")).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("price file prices.json").hasMessageContaining(message);
    }

    @Test
    void aBudgetNamesOnlyTheRunsModels() {
        String spec = "{\"runId\":\"r\",\"models\":[\"a\"],\"benchmarks\":[{\"id\":\"gsm8k\"}],"
                + "\"budget\":{\"usd\":5,\"perModel\":{\"b\":1}}}";
        assertThat(WireFormat.of(RunSpec.class).decode(spec.getBytes()))
                .isInstanceOfSatisfying(Decoded.Invalid.class, invalid -> assertThat(invalid.reason())
                        .contains("'budget.perModel' names model 'b'"));
        RunSpec ok = ((Decoded.Valid<RunSpec>) WireFormat.of(RunSpec.class)
                .decode(spec.replace("\"b\"", "\"a\"").getBytes())).value();
        assertThat(ok.budget()).isEqualTo(new Budget(5.0, Map.of("a", 1.0)));
    }
}
