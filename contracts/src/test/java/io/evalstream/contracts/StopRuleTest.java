package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class StopRuleTest {

    private static final WireFormat<RunSpec> SPECS = WireFormat.of(RunSpec.class);

    private static Decoded<RunSpec> spec(String stop) {
        return SPECS.decode(("{\"runId\":\"r1\",\"models\":[\"a\",\"b\",\"c\"],\"benchmarks\":[{\"id\":\"gsm8k\"}],"
                + "\"stop\":" + stop + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsARuleWithDefaultAlphaAndMargin() {
        Decoded<RunSpec> decoded = spec("{\"compare\":[\"a\",\"b\"],\"when\":\"decided\"}");

        assertThat(decoded).isInstanceOf(Decoded.Valid.class);
        StopRule rule = ((Decoded.Valid<RunSpec>) decoded).value().stop();
        assertThat(rule).isEqualTo(new StopRule(java.util.List.of("a", "b"), StopRule.When.DECIDED, 0.05, 0));
        assertThat(rule.a()).isEqualTo("a");
        assertThat(rule.b()).isEqualTo("b");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{\"compare\":[\"a\",\"x\"],\"when\":\"decided\"}|names model 'x', which is not listed in 'models'",
            "{\"compare\":[\"a\"],\"when\":\"decided\"}|must name two different models",
            "{\"compare\":[\"a\",\"a\"],\"when\":\"decided\"}|must name two different models",
            "{\"compare\":[\"a\",\"b\",\"c\"],\"when\":\"decided\"}|must name two different models",
            "{\"compare\":[\"a\",\"b\"],\"when\":\"soon\"}|must be decided, futile or either",
            "{\"compare\":[\"a\",\"b\"]}|'stop.when' is required",
            "{\"compare\":[\"a\",\"b\"],\"when\":\"decided\",\"alpha\":0.5}|'stop.alpha' must be in (0, 0.5)",
            "{\"compare\":[\"a\",\"b\"],\"when\":\"decided\",\"alpha\":0}|'stop.alpha' must be in (0, 0.5)",
            "{\"compare\":[\"a\",\"b\"],\"when\":\"decided\",\"margin\":1}|'stop.margin' must be in [0, 1)",
            "{\"compare\":[\"a\",\"b\"],\"when\":\"futile\"}|must be above 0 when 'stop.when' is futile",
    })
    void rejectsABadRuleSayingWhatToFix(String stop, String message) {
        Decoded<RunSpec> decoded = spec(stop);

        assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
        assertThat(((Decoded.Invalid<RunSpec>) decoded).reason()).contains(message);
    }

    @Test
    void describesTheDecisionForACompletionsReason() {
        assertThat(Samples.stopDecision().describe()).isEqualTo("stopped early on gsm8k: sim-b is better than sim-a"
                + " (anytime-valid paired sign test, alpha 0.05, after 212 pairs)");
        assertThat(Samples.stopDecision().key()).isEqualTo("run-43/gsm8k");
    }

    @Test
    void aSpecWithoutARuleHasNone() {
        assertThat(Samples.runSpec().stop()).isNull();
        assertThatThrownBy(() -> new StopRule(java.util.List.of("a", "b"), null, 0.05, 0))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("'stop.when' is required");
    }
}
