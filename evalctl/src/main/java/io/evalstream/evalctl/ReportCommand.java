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

/** {@code evalctl report RUN}: the aggregator's full report, printed or saved. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Prints or saves a run's full report: scores with intervals, categories, overall, pass@k,"
                + " subsets, errors, latency, tokens and the recorded settings.")
final class ReportCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run id.")
    String runId;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "${COMPLETION-CANDIDATES}; default: from the --output extension, else MARKDOWN.")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Save the report there instead of printing it.")
    Path output;

    @Override
    public Integer call() {
        ReportFormat chosen = ReportFormat.choose(format, output);
        Service aggregator = evalctl.aggregator();
        String report = ApiClient.requireOk(aggregator, evalctl.client().get(aggregator, "/runs/"
                + ApiClient.query(runId) + "/report?format=" + chosen.parameter(), "*/*"));
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
        err().printf("Wrote the %s report of run %s to %s (%d bytes).%n", chosen.parameter(),
                runId, output, report.getBytes(StandardCharsets.UTF_8).length);
        return ExitCode.OK;
    }
}
