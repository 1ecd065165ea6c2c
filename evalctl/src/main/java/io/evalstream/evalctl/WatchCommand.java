package io.evalstream.evalctl;

import io.evalstream.reports.scoring.RunReport;
import io.evalstream.evalctl.render.LiveView;
import io.evalstream.evalctl.render.Reports;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evalctl watch RUN}: progress bars and live scores until the run completes, then the scoreboard. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Shows a run's progress per model and benchmark with live scores until every task is graded,"
                + " then its scoreboard. Exits 0 when complete, 6 when --timeout passes first.")
final class WatchCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run id.")
    String runId;

    @Mixin
    WatchOptions options;

    @Override
    public Integer call() {
        watch(this, runId, options);
        return ExitCode.OK;
    }

    /** Watches to completion and prints the scoreboard; shared with {@code submit --watch}. */
    static RunReport watch(Subcommand command, String runId, WatchOptions options) {
        PrintWriter out = command.out();
        LiveView view = new LiveView(out, options.terminal());
        RunReport report = new RunWatcher(command.evalctl.client(), command.evalctl.aggregator(), options.interval)
                .awaitComplete(runId, options.timeout, options.waitForRun, view, command.err());
        out.printf("%nRun %s is complete: %d of %d tasks graded.%n%n", runId, Reports.graded(report),
                Reports.expected(report));
        out.print(Reports.table(report));
        if (!report.overall().isEmpty()) {
            out.printf("%nOverall and per category (mean of the benchmarks' mean scores ± standard error):%n");
            out.print(Reports.rollupTable(report));
        }
        out.flush();
        return report;
    }

    /** How long and how often to watch; the same options on {@code watch} and {@code submit --watch}. */
    static final class WatchOptions {

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
                description = "Give up (exit 6) when the run is not complete by then (default ${DEFAULT-VALUE}).")
        Duration timeout;

        @Option(names = "--wait-for-run", paramLabel = "DURATION", defaultValue = "60s",
                converter = DurationConverter.class,
                description = "How long the aggregator may not know the run yet (default ${DEFAULT-VALUE}).")
        Duration waitForRun;

        @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
                description = "Time between polls (default ${DEFAULT-VALUE}).")
        Duration interval;

        @Option(names = "--plain", description = "Print a progress block every few seconds instead of redrawing it"
                + " in place (the default when the output is not a terminal).")
        boolean plain;

        boolean terminal() {
            return !plain && System.console() != null;
        }
    }
}
