package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ReportsTest {

    private static final String REPORT = """
            {"runId":"r","status":"RUNNING","totals":{"expected":200,"graded":150},
             "scores":[
              {"modelId":"sim-strong","benchmarkId":"gsm8k","graded":100,"expected":100,"correct":81,"errors":2,
               "accuracy":0.81,"ci95Low":0.7222,"ci95High":0.8749,"meanScore":0.845},
              {"modelId":"sim-weak","benchmarkId":"gsm8k","graded":50,"expected":100,"correct":0,"errors":0}
             ]}""";

    @Test
    void theTableShowsAccuracyIntervalMeanScoreAndCountsPerModelAndBenchmark() throws Exception {
        String table = Reports.table(Json.mapper().readTree(REPORT));
        assertThat(table.lines()).hasSize(4);
        assertThat(table).contains(
                "sim-strong     gsm8k          81.0%  [72.2%, 87.5%]          84.5%       81     100       2");
        assertThat(table.lines().skip(3).findFirst().orElseThrow()).contains("sim-weak").contains(" -  ");
    }

    @Test
    void progressBarsAreProportionalToGradedOverExpected() throws Exception {
        String progress = Reports.progress(Json.mapper().readTree(REPORT));
        assertThat(progress).contains("[########################]     100/100").contains("[############............]      50/100");
    }

    @Test
    void aRunIsCompleteOnlyWhenTheAggregatorSaysSo() throws Exception {
        JsonNode report = Json.mapper().readTree(REPORT);
        assertThat(Reports.isComplete(report)).isFalse();
        assertThat(Reports.graded(report)).isEqualTo(150);
        assertThat(Reports.cell(report, "sim-weak", "gsm8k").path("graded").asLong()).isEqualTo(50);
        assertThat(Reports.cell(report, "nobody", "gsm8k").isMissingNode()).isTrue();
    }
}
