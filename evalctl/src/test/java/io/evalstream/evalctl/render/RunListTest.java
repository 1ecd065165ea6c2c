package io.evalstream.evalctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.evalstream.reports.render.ReportJson;
import io.evalstream.reports.scoring.RunSummary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RunListTest {

    @Test
    void oneLinePerRunWithStatusProgressErrorsAndEta() throws Exception {
        String table = RunList.table(runs("""
                [{"runId":"nightly-1","status":"COMPLETE","submittedAt":"2026-11-21T10:00:00.123456Z",
                  "totals":{"expected":200,"graded":200,"correct":150,"incorrect":47,"noAnswer":0,"errors":3,"judged":0,
                    "progress":1.0,"etaSeconds":0.0,"cost":{"total":{"usd":1.23456,"priced":200,"unpriced":0},
                    "byModel":{}}}},
                 {"runId":"nightly-2","status":"RUNNING","submittedAt":"2026-11-22T08:30:00Z",
                  "totals":{"expected":1000,"graded":250,"correct":0,"incorrect":250,"noAnswer":0,"errors":0,"judged":0,
                    "progress":0.25,"etaSeconds":41.2,"cost":{"total":{"priced":0,"unpriced":250},"byModel":{}}}},
                 {"runId":"adhoc-1","status":"UNKNOWN_MANIFEST","submittedAt":null,
                  "totals":{"expected":0,"graded":7,"correct":7,"incorrect":0,"noAnswer":0,"errors":0,"judged":0,
                    "cost":{"total":{"priced":0,"unpriced":0},"byModel":{}}}}]"""));
        assertThat(table.lines()).hasSize(4);
        assertThat(table.lines().toList().get(1)).isEqualTo(String.format("%-32s %-16s %-20s %17s %6s %8s %8s %12s",
                "nightly-1", "COMPLETE", "2026-11-21T10:00:00Z", "200/200", "100%", "3", "-", "$1.2346"));
        assertThat(table.lines().toList().get(2)).contains("RUNNING").contains("250/1000").contains(" 25%")
                .contains("42s").endsWith("unknown");
        assertThat(table.lines().toList().get(3)).contains("UNKNOWN_MANIFEST").contains("7/0").contains(" - ");
    }

    /** The served run list {@code json}, read as evalctl reads it. */
    private static List<RunSummary> runs(String json) throws Exception {
        return ReportJson.mapper().readValue(json, new TypeReference<>() {
        });
    }

    @Test
    void anEmptyListSaysSo() throws Exception {
        assertThat(RunList.table(runs("[]"))).isEqualTo("No runs yet.\n");
    }
}
