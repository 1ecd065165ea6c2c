package io.evalstream.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.reports.analysis.PowerLawFit.PowerLaw;
import io.evalstream.reports.analysis.ScalingReport;
import io.evalstream.reports.analysis.ScalingReport.ScalingFit;
import io.evalstream.reports.analysis.ScalingReport.ScalingPoint;
import io.evalstream.reports.analysis.ScalingReport.ScalingPrediction;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.RunReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flat report JSON reads back into the records it was written from, so a client and the server share them. */
class ReportJsonTest {

    private static final ObjectMapper JSON = ReportJson.mapper();

    @Test
    void aFullReportReadBackWritesTheSameJson() throws Exception {
        FullRunReport report = KnownReport.report();
        JsonNode written = JSON.valueToTree(report);

        FullRunReport read = JSON.treeToValue(written, FullRunReport.class);

        assertThat(JSON.readTree(JSON.writeValueAsString(read))).isEqualTo(JSON.readTree(JSON.writeValueAsString(report)));
        assertThat(read).isEqualTo(report);
    }

    @Test
    void theReportIsWrittenFlat() {
        JsonNode written = JSON.valueToTree(KnownReport.report());

        assertThat(written.path("totals").path("graded").asLong()).isEqualTo(9);
        assertThat(written.path("totals").has("grading")).isFalse();
        assertThat(written.path("overall").path(0).has("benchmarkMean")).isTrue();
        assertThat(written.path("overall").path(0).has("estimates")).isFalse();
        assertThat(written.path("subsets").path(0).path("accuracy").isNumber()).isTrue();
    }

    @Test
    void theFullReportsFieldsComeInTheOrderTheyAlwaysHad() {
        JsonNode written = JSON.valueToTree(KnownReport.report());

        assertThat(List.copyOf(written.properties()).stream().map(Map.Entry::getKey)).containsExactly("runId", "status",
                "submittedAt", "benchmarkSettings", "settingsHashes", "totals", "scores", "categories", "overall",
                "passAtK", "subsets", "groups", "judgeLabels", "clustered", "stops");
    }

    @Test
    void aScalingReportReadBackIsTheSameRecord() throws Exception {
        ScalingReport report = new ScalingReport("run-1", "llama", "trainingFlops", List.of("llama-x"),
                List.of(new ScalingFit("gsm8k", List.of(new ScalingPoint("llama-s", 1e21, 0.4, 0.6),
                                new ScalingPoint("llama-m", 1e22, 0.5, 0.5)), new PowerLaw(50, -0.1, null, null, 1.0, 2),
                        new ScalingPrediction(1e24, 0.2, null, null, 0.8, null, null), null)),
                new ScalingFit(null, List.of(), null, null, "mean over gsm8k"));

        assertThat(JSON.readValue(JSON.writeValueAsString(report), ScalingReport.class)).isEqualTo(report);
    }

    @Test
    void theLiveReportReadsFromTheFullOnesJson() throws Exception {
        FullRunReport full = KnownReport.report();

        RunReport live = JSON.treeToValue(JSON.valueToTree(full), RunReport.class);

        assertThat(live.scores()).isEqualTo(full.scores());
        assertThat(live.overall()).isEqualTo(full.overall());
        assertThat(live.totals()).isEqualTo(full.totals());
    }
}
