package io.evalstream.evalctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code evalctl}: drives an evalstream deployment from a terminal or a CI job. */
@Command(name = "evalctl", mixinStandardHelpOptions = true, version = "evalctl 0.1.0",
        description = "Drives evalstream: submit and watch runs, read reports, compare models, push tasks.",
        subcommands = {SubmitCommand.class, WatchCommand.class, ReportCommand.class, CompareCommand.class,
                PushCommand.class, RunsCommand.class, RegradeCommand.class},
        footer = {"", "Exit codes:",
                "  0  done",
                "  1  evalctl itself failed (a bug; the message says where)",
                "  2  wrong command line",
                "  3  a service or the Kafka broker could not be reached",
                "  4  refused: an invalid file, or a 4xx answer",
                "     (bad spec, unknown run, missing or wrong token)",
                "  5  a service failed (5xx), or Kafka did not acknowledge a record",
                "  6  watch: the run did not complete within --timeout",
                "  7  compare: --fail-on-seesaw or --fail-on-loss triggered",
                "", "The bearer token comes from EVALSTREAM_TOKEN or --token-file; it is never printed."})
public final class EvalCtl {

    @Option(names = "--producer-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:EVALSTREAM_PRODUCER_URL:-http://localhost:8081}",
            description = "The prompt-producer (env EVALSTREAM_PRODUCER_URL; default ${DEFAULT-VALUE}).")
    String producerUrl;

    @Option(names = "--aggregator-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:EVALSTREAM_AGGREGATOR_URL:-http://localhost:8084}",
            description = "The aggregator (env EVALSTREAM_AGGREGATOR_URL; default ${DEFAULT-VALUE}).")
    String aggregatorUrl;

    @Option(names = "--grader-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:EVALSTREAM_GRADER_URL:-http://localhost:8083}",
            description = "The grader-service, for regrade (env EVALSTREAM_GRADER_URL; default ${DEFAULT-VALUE}).")
    String graderUrl;

    @Option(names = "--bootstrap-servers", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
            description = "Kafka, for push (env EVALSTREAM_BOOTSTRAP_SERVERS; else bootstrap.servers from"
                    + " --kafka-config; default " + KafkaSettings.DEFAULT_BOOTSTRAP + ").")
    String bootstrapServers;

    @Option(names = "--token-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "A file holding the bearer token (else env EVALSTREAM_TOKEN).")
    Path tokenFile;

    @Option(names = "--request-timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "PT2M",
            converter = DurationConverter.class,
            description = "How long one HTTP request may take, e.g. 30s, 2m (default 2m).")
    Duration requestTimeout;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: errors a user can act on are printed plainly with their exit code. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new EvalCtl()).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(new FailureHandler("evalctl"));
        return commandLine;
    }

    Service producer() {
        return Service.producer(producerUrl);
    }

    Service aggregator() {
        return Service.aggregator(aggregatorUrl);
    }

    Service grader() {
        return Service.grader(graderUrl);
    }

    ApiClient client() {
        return new ApiClient(token(), requestTimeout);
    }

    private Optional<String> token() {
        if (tokenFile != null) {
            try {
                String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    throw new CliException(ExitCode.USAGE, "--token-file " + tokenFile + " is empty");
                }
                return Optional.of(token);
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "cannot read --token-file " + tokenFile + ": " + e, e);
            }
        }
        return Optional.ofNullable(System.getenv("EVALSTREAM_TOKEN")).map(String::strip).filter(t -> !t.isEmpty());
    }
}
