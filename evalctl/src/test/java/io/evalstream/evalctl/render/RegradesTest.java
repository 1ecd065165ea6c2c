package io.evalstream.evalctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Json;
import io.evalstream.contracts.RegradeReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RegradesTest {

    @Test
    void summarisesFlipsPerScorerSkippedTasksAndCompletionsPastRetention() throws Exception {
        String summary = Regrades.summary(Json.mapper().readValue("""
                {"runId": "r1", "read": 22, "regraded": 20,
                 "skipped": {"judged on a rubric (regrading would ask the judge again)": 2},
                 "changes": [
                   {"modelId": "sim-strong", "benchmarkId": "gsm8k", "scorer": "flexible", "graded": 20, "flips": 1,
                    "added": 0, "samples": ["r1/sim-strong/gsm8k/7/default/0: INCORRECT -> CORRECT"]},
                   {"modelId": "sim-strong", "benchmarkId": "gsm8k", "scorer": "strict", "graded": 20, "flips": 0,
                    "added": 20, "samples": []}],
                 "pastRetention": [{"modelId": "sim-weak", "benchmarkId": "gsm8k", "tasks": 4,
                    "samples": ["r1/sim-weak/gsm8k/1/default/0"]}]}
                """, RegradeReport.class));

        assertThat(summary).startsWith("Run r1: 20 of 22 completions graded again by the current definitions; no"
                + " model was asked.");
        assertThat(summary).contains("  left as graded: 2 judged on a rubric (regrading would ask the judge again)");
        assertThat(summary).contains("sim-strong           gsm8k          flexible          20      1      0\n"
                + "    e.g. r1/sim-strong/gsm8k/7/default/0: INCORRECT -> CORRECT");
        assertThat(summary).contains("sim-strong           gsm8k          strict            20      0     20");
        assertThat(summary).contains("Past retention, not regraded: sim-weak gsm8k, 4 tasks (e.g."
                + " r1/sim-weak/gsm8k/1/default/0)");
    }
}
