package io.evalstream.evalctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evalctl report RUN}: the aggregator's full report, printed or saved; {@code evalctl report --from FILE}: the
 * same report rendered here from a per-sample export ({@link OfflineReport}).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Prints or saves a run's full report: scores with intervals, categories, overall, pass@k,"
                + " subsets, errors, latency, tokens and the recorded settings.")
final class ReportCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", arity = "0..1", description = "The run id (or --from FILE).")
    String runId;

    @Option(names = "--from", paramLabel = "FILE", description = "Render the report here, offline, from a per-sample"
            + " export (the JSON Lines of GET /runs/RUN/samples; - for standard input) instead of asking the"
            + " aggregator. What an export does not carry (expected counts, categories, subsets) is left out.")
    Path from;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "${COMPLETION-CANDIDATES}; default: from the --output extension, else MARKDOWN.")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Save the report there instead of printing it.")
    Path output;

    @Override
    public Integer call() {
        if ((runId == null) == (from == null)) {
            throw new CliException(ExitCode.USAGE, "give a RUN id (the aggregator's report) or --from FILE (a report"
                    + " of a per-sample export), one of the two");
        }
        ReportFormat chosen = ReportFormat.choose(format, output);
        String report = from == null ? online(chosen) : OfflineReport.render(from, chosen, err());
        if (output == null) {
            PrintWriter out = out();
            out.print(report.endsWith("\n") ? report : report + "\n");
            out.flush();
            return ExitCode.OK;
        }
        try {
            Files.writeString(output, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot write the report to " + output + ": " + e, e);
        }
        err().printf("Wrote the %s report of %s to %s (%d bytes).%n", chosen.parameter(),
                from == null ? "run " + runId : InputFiles.name(from), output,
                report.getBytes(StandardCharsets.UTF_8).length);
        return ExitCode.OK;
    }

    private String online(ReportFormat chosen) {
        Service aggregator = evalctl.aggregator();
        return ApiClient.requireOk(aggregator, evalctl.client().get(aggregator, "/runs/"
                + ApiClient.query(runId) + "/report?format=" + chosen.parameter(), "*/*"));
    }
}
