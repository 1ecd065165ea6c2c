package io.evalstream.evalctl;

import io.evalstream.reports.scoring.RunReport;
import io.evalstream.evalctl.render.LiveView;
import io.evalstream.evalctl.render.Reports;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Polls the aggregator's live scoreboard of one run until every expected task is graded. A run the aggregator
 * has not seen yet is waited for a while (its manifest may still be on the way); a rebalancing or briefly
 * unreachable aggregator is waited out until the deadline.
 */
final class RunWatcher {

    private final ApiClient client;
    private final Service aggregator;
    private final Duration interval;

    RunWatcher(ApiClient client, Service aggregator, Duration interval) {
        this.client = client;
        this.aggregator = aggregator;
        this.interval = interval;
    }

    /** @return the complete run's scoreboard */
    RunReport awaitComplete(String runId, Duration timeout, Duration waitForRun, LiveView view, PrintWriter err) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        RunReport last = null;
        boolean polledOnce = false;
        boolean toldUnreachable = false;
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = client.get(aggregator, "/runs/" + ApiClient.query(runId),
                        "application/json");
                polledOnce = true;
                if (response.statusCode() == 200) {
                    last = ApiClient.read(aggregator, response.body(), RunReport.class);
                    view.show(last);
                    if (Reports.isComplete(last)) {
                        return last;
                    }
                } else if (response.statusCode() == 404 && last == null) {
                    if (Instant.now().isAfter(start.plus(waitForRun))) {
                        throw new CliException(ExitCode.REFUSED, "the aggregator has no run '" + runId + "' after "
                                + waitForRun.toSeconds() + " s: " + ApiClient.reason(response.body())
                                + ". `evalctl runs` lists the runs it knows.");
                    }
                } else if (response.statusCode() != 503) {
                    ApiClient.requireOk(aggregator, response);
                }
            } catch (CliException e) {
                if (e.exitCode() != ExitCode.UNREACHABLE || !polledOnce) {
                    throw e;
                }
                if (!toldUnreachable) {
                    err.println("evalctl: " + e.getMessage() + " Retrying until the deadline.");
                    err.flush();
                    toldUnreachable = true;
                }
            }
            pause();
        }
        throw new CliException(ExitCode.TIMED_OUT, "run '" + runId + "' did not complete within " + timeout.toSeconds()
                + " s" + (last == null ? "" : ": " + Reports.graded(last) + " of " + Reports.expected(last)
                + " tasks graded") + ". Watch on with `evalctl watch " + runId + "`.");
    }

    private void pause() {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILED, "interrupted while watching", e);
        }
    }
}
