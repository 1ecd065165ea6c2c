package io.evalstream.stack;

import io.evalstream.contracts.RunAccepted;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.WireFormat;
import io.evalstream.evalctl.render.LiveView;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * How the demo starts each of its runs and follows it, the same way for all three: a spec the producer refuses is
 * one line on stderr with its status and message (the demo then exits 1), and an accepted run is followed with its
 * progress redrawn until every task is graded or nothing moved for the stall time.
 */
final class DemoRuns {

    private DemoRuns() {
    }

    /**
     * POST /runs.
     *
     * @param what the run as the refusal line names it, e.g. "the story run"
     * @return the producer's answer; empty when it refused the spec
     */
    static Optional<RunAccepted> submit(StackClient client, String specJson, String what) throws IOException {
        HttpResponse<String> submitted = client.submit(specJson);
        if (submitted.statusCode() != 202) {
            System.err.println("The prompt-producer refused " + what + " (" + submitted.statusCode() + "): "
                    + submitted.body());
            return Optional.empty();
        }
        return Optional.of(Json.mapper().readValue(submitted.body(), RunAccepted.class));
    }

    static Optional<RunAccepted> submit(StackClient client, RunSpec spec, String what) throws IOException {
        return submit(client, WireFormat.of(RunSpec.class).encodeToString(spec), what);
    }

    /** @return the run's last report, whole or stalled; empty when the aggregator never reported the run */
    static Optional<RunReport> watch(StackClient client, String runId, Duration stall, PrintStream out) {
        Optional<RunReport> last = client.awaitCompleteOrStalled(runId, stall, new LiveView(out)::show);
        out.println();
        return last;
    }
}
