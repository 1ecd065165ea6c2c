package io.evalstream.evalctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.broker.FreePorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command against a stub service that answers what a real one can (accepted, refused, failed, not there):
 * the exit code, what the user reads, and that the token is sent and never shown.
 */
@Timeout(60)
class CommandsTest {

    private static final String TOKEN = "tok-canary-7f3a9c";
    private static final String SPEC = "{\"runId\":\"r1\",\"models\":[\"sim-strong\"],\"benchmarks\":[{\"id\":\"gsm8k\"}]}";
    /** A live report as the aggregator serves it (every field a served one has but those it leaves out as null). */
    private static final String RUNNING = """
            {"runId":"r1","status":"RUNNING","benchmarkSettings":[],"settingsHashes":[],
             "totals":{"expected":10,"graded":4,"correct":3,"incorrect":1,"noAnswer":0,"errors":0,"judged":0,
                       "cost":{"total":{"priced":0,"unpriced":0},"byModel":{}}},
             "scores":[{"schemaVersion":1,"runId":"r1","modelId":"sim-strong","benchmarkId":"gsm8k","category":"MATH",
                        "graded":4,"expected":10,"correct":3,"incorrect":1,"noAnswer":0,"errors":0,"judged":0,
                        "accuracy":0.75,"updatedAt":"2026-11-21T12:00:00Z"}],
             "categories":[],"overall":[]}""";

    @TempDir
    Path dir;

    private StubService service;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        service = new StubService();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private int evalctl(String... args) throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--producer-url", service.url(), "--aggregator-url", service.url() + "/",
                "--grader-url", service.url(),
                "--token-file", tokenFile.toString()));
        CommandLine commandLine = EvalCtl.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(all.toArray(String[]::new));
        assertThat(out + err.toString()).doesNotContain(TOKEN);
        return exit;
    }

    private Path spec(String text) throws IOException {
        return Files.writeString(dir.resolve("spec.json"), text);
    }

    @Test
    void anAcceptedRunPrintsItsIdTasksAndSettingsHashesAndSendsTheToken() throws IOException {
        service.answer(202, """
                {"runId":"nightly-7","tasks":12,"published":true,"settingsHash":{"gsm8k":{"default":"a1b2c3"}}}""");
        assertThat(evalctl("submit", spec(SPEC).toString(), "--run-id", "nightly-7")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("Run nightly-7 accepted: 12 tasks published.")
                .contains("gsm8k          default      a1b2c3");
        StubService.Request request = service.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo("/runs");
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(request.body()).contains("\"runId\":\"nightly-7\"");
    }

    @Test
    void regradePostsToTheGraderWithItsFiltersAndPrintsWhatChanged() throws IOException {
        service.answer(200, """
                {"runId":"r1","read":2,"regraded":2,"skipped":{},"changes":[{"modelId":"m","benchmarkId":"gsm8k",
                "scorer":"strict","graded":2,"flips":0,"added":2,"samples":[]}],"pastRetention":[]}""");
        assertThat(evalctl("regrade", "r1", "--benchmark", "gsm8k", "--model", "m")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("Run r1: 2 of 2 completions graded again").contains("strict");
        StubService.Request request = service.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo("/runs/r1/regrade?benchmark=gsm8k&model=m");
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void compareByAScorerAsksTheAggregatorForIt() throws IOException {
        service.answer(500, "{\"error\":\"stop here\"}");
        evalctl("compare", "r1", "-a", "m1", "-b", "m2", "--scorer", "strict");
        assertThat(service.requests().getFirst().pathAndQuery()).startsWith("/runs/r1/compare?a=m1&b=m2")
                .contains("&scorer=strict");
    }

    @Test
    void pushCompletionsSendsTheSpecAndNumberedLinesToTheProducer() throws IOException {
        service.answer(202, "{\"runId\":\"byo-1\",\"completions\":2}");
        Path file = Files.writeString(dir.resolve("completions.jsonl"), """
                {"model": "m", "benchmark": "gsm8k", "itemId": "0", "prompt": "Q?", "completion": "The answer is 3."}

                {"model": "m", "benchmark": "gsm8k", "itemId": "1", "prompt": "Q?", "completion": "18"}
                """);
        assertThat(evalctl("push", "--completions", file.toString(), "--spec", spec(SPEC).toString()))
                .isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("Pushed 2 completion(s) from").contains("as run byo-1");
        StubService.Request request = service.requests().getFirst();
        assertThat(request.pathAndQuery()).isEqualTo("/completions");
        assertThat(request.body()).contains("\"spec\":{").contains("\"line\":1").contains("\"line\":3");
    }

    @Test
    void pushCompletionsRefusesBadLinesByNumberAndSendsNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("completions.jsonl"), """
                {"model": "m", "benchmark": "gsm8k", "itemId": "0", "prompt": "Q?", "completion": "3"}
                {"model": "m", "benchmark": "gsm8k"
                {"model": "m", "benchmark": "gsm8k", "itemId": "1", "prompt": "Q?"}
                """);
        assertThat(evalctl("push", "--completions", file.toString(), "--spec", spec(SPEC).toString()))
                .isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("completions.jsonl: line 2: not JSON")
                .contains("completions.jsonl: line 3: needs text fields completion");
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void quietPrintsOnlyTheRunIdForScripts() throws IOException {
        service.answer(202, "{\"runId\":\"r1\",\"tasks\":1,\"published\":true,\"settingsHash\":{}}");
        assertThat(evalctl("submit", "-q", spec(SPEC).toString())).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).isEqualTo("r1" + System.lineSeparator());
    }

    @Test
    void anInvalidSpecIsRefusedBeforeAnythingIsSent() throws IOException {
        assertThat(evalctl("submit", spec("{\"runId\":\"r1\",\"models\":[]}").toString())).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("spec.json: invalid RunSpec: field 'models'");
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void theServicesOwnReasonIsShownForA4xx() throws IOException {
        service.answer(400, "{\"error\":\"invalid RunSpec: unknown benchmark 'gsm9k'; known: gsm8k, mmlu\"}");
        assertThat(evalctl("submit", spec(SPEC).toString())).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("prompt-producer answered 400 to POST /runs: invalid RunSpec: unknown"
                + " benchmark 'gsm9k'; known: gsm8k, mmlu");
    }

    @Test
    void aRefusedTokenSaysHowToGiveOne() throws IOException {
        service.answer(401, "{\"error\":\"missing or wrong bearer token\"}");
        assertThat(evalctl("runs")).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("aggregator answered 401").contains("EVALSTREAM_TOKEN")
                .contains("--token-file");
    }

    @Test
    void aServiceFailureIsExit5() throws IOException {
        service.answer(503, "{\"error\":\"could not publish run 'r1' to Kafka\"}");
        assertThat(evalctl("submit", spec(SPEC).toString())).isEqualTo(ExitCode.SERVICE_ERROR);
        assertThat(err.toString()).contains("503").contains("could not publish run 'r1' to Kafka");
    }

    @Test
    void aServiceThatIsNotThereIsExit3NamingTheOptionToFixIt() throws IOException {
        CommandLine commandLine = EvalCtl.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute("report", "r1", "--aggregator-url", "http://127.0.0.1:" + FreePorts.next());
        assertThat(exit).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err.toString()).contains("cannot reach the aggregator").contains("--aggregator-url")
                .contains("EVALSTREAM_AGGREGATOR_URL");
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() throws IOException {
        CommandLine commandLine = EvalCtl.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute("runs", "--aggregator-url", "localhost:8084")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--aggregator-url must be an http(s) URL");
    }

    @Test
    void watchWaitsForARunThatCompletesThenPrintsTheScoreboard() throws IOException {
        service.answer(404, "{\"error\":\"no run 'r1'\"}").answer(200, RUNNING)
                .answer(200, RUNNING.replace("RUNNING", "COMPLETE").replace("\"graded\":4", "\"graded\":10"));
        assertThat(evalctl("watch", "r1", "--interval", "10ms", "--plain")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("Progress: 4 of 10 graded").contains("Progress: 10 of 10 graded")
                .contains("Run r1 is complete: 10 of 10 tasks graded.").contains("accuracy");
    }

    @Test
    void watchGivesUpWithExit6AtTheTimeout() throws IOException {
        service.answer(200, RUNNING);
        assertThat(evalctl("watch", "r1", "--interval", "50ms", "--timeout", "1s")).isEqualTo(ExitCode.TIMED_OUT);
        assertThat(err.toString()).contains("did not complete within 1 s: 4 of 10 tasks graded");
    }

    @Test
    void watchOfARunNobodyKnowsIsRefusedAfterWaitingForIt() throws IOException {
        service.answer(404, "{\"error\":\"no run 'nope'\"}");
        assertThat(evalctl("watch", "nope", "--interval", "50ms", "--wait-for-run", "500ms"))
                .isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("the aggregator has no run 'nope'").contains("evalctl runs");
    }

    @Test
    void reportIsSavedInTheFormatItsFileNameSays() throws IOException {
        service.answer(200, "<!doctype html><title>r1</title>");
        Path html = dir.resolve("r1.html");
        assertThat(evalctl("report", "r1", "-o", html.toString())).isEqualTo(ExitCode.OK);
        assertThat(Files.readString(html)).isEqualTo("<!doctype html><title>r1</title>");
        assertThat(service.requests().getFirst().pathAndQuery()).isEqualTo("/runs/r1/report?format=html");
        assertThat(err.toString()).contains("Wrote the html report of run r1 to " + html);
        assertThat(evalctl("report", "r1", "--format", "csv")).isEqualTo(ExitCode.OK);
        assertThat(service.requests().getLast().pathAndQuery()).isEqualTo("/runs/r1/report?format=csv");
    }

    @Test
    void compareFailsTheGateOnlyWhenAskedAndSeesawFound() throws IOException {
        String seesaw = """
                {"a":{"runId":"r1","modelId":"v1"},"b":{"runId":"r1","modelId":"v2"},"alpha":0.05,"benchmarks":[],
                 "seesaw":{"seesaw":true,"gains":[{"benchmarkId":"gsm8k","difference":0.2,"pValue":0.001}],
                 "losses":[{"benchmarkId":"mmlu","difference":-0.1,"pValue":0.01}]}}""";
        service.answer(200, seesaw);
        assertThat(evalctl("compare", "r1", "-a", "v1", "-b", "v2")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("SEESAW: B gains on gsm8k and loses on mmlu");
        assertThat(evalctl("compare", "r1", "-a", "v1", "-b", "v2", "--fail-on-seesaw")).isEqualTo(ExitCode.GATE);
        assertThat(evalctl("compare", "r1", "-a", "v1", "-b", "v2", "--fail-on-loss")).isEqualTo(ExitCode.GATE);
        assertThat(err.toString()).contains("v2 is significantly worse than v1 on mmlu (--fail-on-loss)");
        assertThat(service.requests().getFirst().pathAndQuery()).isEqualTo("/runs/r1/compare?a=v1&b=v2&alpha=0.05");
    }

    @Test
    void answersThatDoNotFitTheirRecordAreExit5NamingTheRecord() throws IOException {
        service.answer(200, "{\"a\":\"v1\",\"benchmarks\":[]}");
        assertThat(evalctl("compare", "r1", "-a", "v1", "-b", "v2")).isEqualTo(ExitCode.SERVICE_ERROR);
        assertThat(err.toString()).contains("aggregator answered with JSON evalctl cannot read as ModelComparison");
        service.answer(202, "{\"runId\":\"byo-1\",\"completions\":\"two\"}");
        Path file = Files.writeString(dir.resolve("one.jsonl"), """
                {"model": "m", "benchmark": "gsm8k", "itemId": "0", "prompt": "Q?", "completion": "3"}
                """);
        assertThat(evalctl("push", "--completions", file.toString(), "--spec", spec(SPEC).toString()))
                .isEqualTo(ExitCode.SERVICE_ERROR);
        assertThat(err.toString()).contains("prompt-producer answered with JSON evalctl cannot read as"
                + " CompletionsImported");
    }

    @Test
    void compareAsksForThePowerCorrectionAndClusteringGiven() throws IOException {
        service.answer(200, """
                {"a":{"runId":"r1","modelId":"v1"},"b":{"runId":"r1","modelId":"v2"},"alpha":0.05,"benchmarks":[],
                 "seesaw":{"seesaw":false,"gains":[],"losses":[]}}""");
        assertThat(evalctl("compare", "r1", "-a", "v1", "-b", "v2", "--power", "--difference", "0.05",
                "--correction", "bh", "--cluster", "subset")).isEqualTo(ExitCode.OK);
        assertThat(service.requests().getLast().pathAndQuery()).isEqualTo("/runs/r1/compare?a=v1&b=v2&alpha=0.05"
                + "&correction=bh&cluster=subset&power=0.8&difference=0.05");
        assertThat(out.toString()).contains("Power at alpha 0.05 and 80.0%");
        assertThat(evalctl("compare", "r1", "-a", "v1", "-b", "v2", "--power", "0.9")).isEqualTo(ExitCode.OK);
        assertThat(service.requests().getLast().pathAndQuery()).endsWith("&power=0.9");
        assertThat(evalctl("compare", "r1", "-a", "v1", "-b", "v2", "--difference", "0.05"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--difference sizes the run for a power analysis: add --power");
    }

    @Test
    void aFileWithABadLineIsNotPushedAtAll() throws IOException {
        Path tasks = Files.writeString(dir.resolve("tasks.jsonl"),
                TaskLinesTest.task("q1", "a") + "\n{\"schemaVersion\":1}\n");
        CommandLine commandLine = EvalCtl.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        // No broker listens there: had evalctl tried to push, it would have failed with exit 3.
        int exit = commandLine.execute("push", tasks.toString(), "--bootstrap-servers", "127.0.0.1:" + FreePorts.next());
        assertThat(exit).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("tasks.jsonl: line 2: ").contains("has 1 bad line(s); nothing was pushed");
    }
}
