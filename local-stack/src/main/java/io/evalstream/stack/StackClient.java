package io.evalstream.stack;

import io.evalstream.contracts.BenchmarkInfo;
import com.fasterxml.jackson.databind.JavaType;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Json;
import io.evalstream.evalctl.CliException;
import io.evalstream.evalctl.ExitCode;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.analysis.ModelComparison;
import io.evalstream.reports.analysis.ScalingReport;
import io.evalstream.reports.render.ReportJson;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.reports.scoring.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a user does over HTTP: submit a run spec, read the live report, scrape metrics. Every request carries the
 * stack's bearer token.
 */
public final class StackClient {

    private static final Duration POLL = Duration.ofMillis(200);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalStack stack;

    public StackClient(LocalStack stack) {
        this.stack = stack;
    }

    /** POST /runs on the prompt-producer; the response is returned whatever its status. */
    public HttpResponse<String> submit(String specJson) {
        return send(HttpRequest.newBuilder(stack.producer("/runs")).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(specJson)).build());
    }

    /** POST /runs?dryRun=true: what the run would be (tasks, calls, projected cost), nothing published. */
    public HttpResponse<String> project(String specJson) {
        return send(HttpRequest.newBuilder(stack.producer("/runs?dryRun=true")).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(specJson)).build());
    }

    /** The aggregator's live scoreboard, empty while the run is unknown or the aggregator is rebalancing. */
    public Optional<RunReport> report(String runId) {
        return read(stack.aggregator("/runs/" + runId), ReportJson.mapper().constructType(RunReport.class));
    }

    /** The aggregator's full report (pass@k, subsets, recorded settings); empty as for {@link #report}. */
    public Optional<FullRunReport> fullReport(String runId) {
        return read(stack.aggregator("/runs/" + runId + "/report"),
                ReportJson.mapper().constructType(FullRunReport.class));
    }

    /** The aggregator's power-law fit of loss against {@code x} across a modelInfo family; empty when it has none. */
    public Optional<ScalingReport> scaling(String runId, String family, String x, double predict) {
        return read(stack.aggregator("/runs/" + runId + "/scaling?family=" + family + "&x=" + x + "&predict="
                + predict), ReportJson.mapper().constructType(ScalingReport.class));
    }

    /** The aggregator's comparison of model {@code b} with baseline {@code a} in the run; empty as for {@link #report}. */
    public Optional<ModelComparison> compare(String runId, String a, String b) {
        return read(stack.aggregator("/runs/" + runId + "/compare?a=" + a + "&b=" + b),
                ReportJson.mapper().constructType(ModelComparison.class));
    }

    /** The aggregator's run list: every run it knows, with its totals; empty while it is rebalancing. */
    public List<RunSummary> runs() {
        return this.<List<RunSummary>>read(stack.aggregator("/runs"), ReportJson.mapper().getTypeFactory()
                .constructCollectionType(List.class, RunSummary.class)).orElseGet(List::of);
    }

    /** The grader's Prometheus exposition ({@code /q/metrics}). */
    public String graderMetrics() {
        return get(stack.service("grader-service").uri("/q/metrics")).body();
    }

    /** The prompt-producer's {@code GET /benchmarks}: what it has loaded, with where each one's data came from. */
    public List<BenchmarkInfo> benchmarks() {
        return this.<List<BenchmarkInfo>>read(stack.producer("/benchmarks"), ReportJson.mapper().getTypeFactory()
                .constructCollectionType(List.class, BenchmarkInfo.class)).orElseThrow(
                () -> new IllegalStateException("the prompt-producer did not list its benchmarks"));
    }

    /** The ids of the benchmarks the prompt-producer has loaded, sorted. */
    public List<String> benchmarkIds() {
        return benchmarks().stream().map(BenchmarkInfo::id).toList();
    }

    /** A 200 answer read into the shared response record {@code type}; empty for any other status. */
    private <T> Optional<T> read(URI uri, JavaType type) {
        HttpResponse<String> response = get(uri);
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        try {
            return Optional.of(ReportJson.mapper().readValue(response.body(), type));
        } catch (IOException e) {
            throw new IllegalStateException(uri + " answered with something that is not a " + type.getRawClass()
                    .getSimpleName() + ": " + response.body(), e);
        }
    }

    /** Polls the report until every expected task is graded; each poll's report goes to {@code onReport}. */
    public RunReport awaitComplete(String runId, Duration timeout, Consumer<RunReport> onReport) {
        Instant deadline = Instant.now().plus(timeout);
        RunReport last = null;
        while (Instant.now().isBefore(deadline)) {
            Optional<RunReport> report = report(runId);
            if (report.isPresent()) {
                last = report.get();
                onReport.accept(last);
                if (Reports.isComplete(last)) {
                    return last;
                }
            }
            sleep(POLL);
        }
        throw new CliException(ExitCode.TIMED_OUT, "run " + runId + " did not complete within "
                + timeout.toSeconds() + " s; " + (last == null ? "the aggregator never reported it"
                        : "still missing: " + missing(last)) + ". The services' logs say why.");
    }

    /** Per model and benchmark that is not complete: how many of its tasks are graded, e.g. {@code m/b 3 of 6}. */
    static String missing(RunReport report) {
        List<String> cells = new ArrayList<>();
        for (BenchmarkScore score : report.scores()) {
            long graded = score.graded();
            long expected = score.grading().expected();
            if (graded < expected) {
                cells.add(score.cell().modelId() + "/" + score.cell().benchmarkId() + " " + graded
                        + " of " + expected + " graded");
            }
        }
        return cells.isEmpty() ? "no cell (the run's totals are behind)" : String.join(", ", cells);
    }

    /**
     * Polls the report until every expected task is graded, or until the graded count has not moved for
     * {@code stall} (a service that cannot handle the run's tasks); each poll's report goes to {@code onReport}.
     *
     * @return the last report, complete or not; empty when the aggregator never reported the run
     */
    public Optional<RunReport> awaitCompleteOrStalled(String runId, Duration stall, Consumer<RunReport> onReport) {
        RunReport last = null;
        long lastGraded = -1;
        Instant lastChange = Instant.now();
        while (Instant.now().isBefore(lastChange.plus(stall))) {
            Optional<RunReport> report = report(runId);
            if (report.isPresent()) {
                last = report.get();
                onReport.accept(last);
                if (Reports.isComplete(last)) {
                    break;
                }
                if (Reports.graded(last) != lastGraded) {
                    lastGraded = Reports.graded(last);
                    lastChange = Instant.now();
                }
            }
            sleep(POLL);
        }
        return Optional.ofNullable(last);
    }

    /**
     * As {@link #awaitCompleteOrStalled}, but a run that stops moving is a failure the user reads in one line: what
     * is missing per model and benchmark.
     */
    public RunReport awaitCompleteOrFail(String runId, Duration stall, Consumer<RunReport> onReport) {
        RunReport last = awaitCompleteOrStalled(runId, stall, onReport).orElseThrow(() -> new CliException(
                ExitCode.TIMED_OUT, "the aggregator never reported run " + runId + "; its log says why"));
        if (!Reports.isComplete(last)) {
            throw new CliException(ExitCode.TIMED_OUT, "run " + runId + " stopped moving: no task graded for "
                    + stall.toSeconds() + " s; still missing: " + missing(last) + ". The services' logs say why.");
        }
        return last;
    }

    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        HttpRequest authorized = HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", stack.token().header()).build();
        try {
            return http.send(authorized, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.uri(), e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
