package io.evalstream.evalctl;

import io.evalstream.contracts.RegradeReport;
import io.evalstream.evalctl.render.Regrades;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evalctl regrade RUN [--benchmark B] [--model M]}: grade a run's completions again, asking no model. */
@Command(name = "regrade", mixinStandardHelpOptions = true,
        description = "Grades the run's completions again by the grader's current benchmark definitions (a fixed"
                + " extraction, an added scorer), reading them back from Kafka: no model is asked. Prints what"
                + " changed per scorer, with sample task ids, and the tasks whose completions are past retention.")
final class RegradeCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run to grade again.")
    String runId;

    @Option(names = "--benchmark", paramLabel = "ID", description = "Only this benchmark's tasks.")
    String benchmark;

    @Option(names = "--model", paramLabel = "ID", description = "Only this model's tasks.")
    String model;

    @Option(names = "--json", description = "Print the grader's JSON instead of a summary.")
    boolean json;

    @Override
    public Integer call() {
        StringBuilder path = new StringBuilder("/runs/").append(ApiClient.query(runId)).append("/regrade");
        String separator = "?";
        if (benchmark != null) {
            path.append(separator).append("benchmark=").append(ApiClient.query(benchmark));
            separator = "&";
        }
        if (model != null) {
            path.append(separator).append("model=").append(ApiClient.query(model));
        }
        Service grader = evalctl.grader();
        ApiClient client = evalctl.client();
        String body = ApiClient.requireOk(grader, client.postJson(grader, path.toString(), "{}"));
        PrintWriter out = out();
        out.print(json ? ApiClient.json(grader, body).toPrettyString() + "\n"
                : Regrades.summary(ApiClient.read(grader, body, RegradeReport.class)));
        out.flush();
        return ExitCode.OK;
    }
}
