package io.evalstream.evalctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.evalctl.render.Comparisons;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evalctl compare RUN --a A --b B}: paired tests per benchmark and the seesaw verdict, as a CI gate too. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compares model B with baseline model A benchmark by benchmark on the samples both have"
                + " (McNemar for right/wrong scores, paired t for partial ones) and says whether B is a seesaw:"
                + " significantly better on some benchmark and worse on another.")
final class CompareCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run holding model B (and A, unless --baseline-run).")
    String runId;

    @Option(names = {"-a", "--a"}, required = true, paramLabel = "MODEL", description = "The baseline model.")
    String modelA;

    @Option(names = {"-b", "--b"}, required = true, paramLabel = "MODEL", description = "The model compared with it.")
    String modelB;

    @Option(names = "--baseline-run", paramLabel = "RUN", description = "The run holding A, when not RUN.")
    String baselineRun;

    @Option(names = "--alpha", paramLabel = "LEVEL", defaultValue = "0.05",
            description = "Significance level of each test (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--json", description = "Print the aggregator's JSON instead of a table.")
    boolean json;

    @Option(names = "--fail-on-seesaw", description = "Exit 7 when B is a seesaw.")
    boolean failOnSeesaw;

    @Option(names = "--fail-on-loss", description = "Exit 7 when B is significantly worse on any benchmark.")
    boolean failOnLoss;

    @Override
    public Integer call() {
        StringBuilder path = new StringBuilder("/runs/").append(ApiClient.query(runId)).append("/compare?a=")
                .append(ApiClient.query(modelA)).append("&b=").append(ApiClient.query(modelB))
                .append("&alpha=").append(alpha);
        if (baselineRun != null) {
            path.append("&baselineRun=").append(ApiClient.query(baselineRun));
        }
        Service aggregator = evalctl.aggregator();
        JsonNode comparison = evalctl.client().getJson(aggregator, path.toString());
        PrintWriter out = out();
        out.print(json ? comparison.toPrettyString() + "\n" : Comparisons.table(comparison));
        out.flush();
        return gate(comparison);
    }

    private int gate(JsonNode comparison) {
        List<String> losses = Comparisons.losses(comparison);
        if (failOnSeesaw && Comparisons.seesaw(comparison)) {
            throw new CliException(ExitCode.GATE, modelB + " is a seesaw against " + modelA + " (--fail-on-seesaw)");
        }
        if (failOnLoss && !losses.isEmpty()) {
            throw new CliException(ExitCode.GATE, modelB + " is significantly worse than " + modelA + " on "
                    + String.join(", ", losses) + " (--fail-on-loss)");
        }
        return ExitCode.OK;
    }
}
