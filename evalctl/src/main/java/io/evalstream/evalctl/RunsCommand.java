package io.evalstream.evalctl;

import io.evalstream.evalctl.render.RunList;
import io.evalstream.reports.scoring.RunSummary;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evalctl runs}: every run the aggregator knows, with its progress. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Lists the runs the aggregator knows: status, submission time, progress, errors and ETA.")
final class RunsCommand extends Subcommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the aggregator's JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = out();
        out.print(json ? evalctl.client().getJson(evalctl.aggregator(), "/runs").toPrettyString() + "\n"
                : RunList.table(evalctl.client().getList(evalctl.aggregator(), "/runs", RunSummary.class)));
        out.flush();
        return ExitCode.OK;
    }
}
