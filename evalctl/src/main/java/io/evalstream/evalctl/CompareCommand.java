package io.evalstream.evalctl;

import io.evalstream.evalctl.render.Comparisons;
import io.evalstream.reports.analysis.ModelComparison;
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

    @Option(names = "--correction", paramLabel = "holm|bh|none", defaultValue = "holm",
            description = "How the benchmarks' p-values are adjusted for the verdict: holm (family-wise error, the"
                    + " default), bh (Benjamini-Hochberg false discovery rate) or none.")
    String correction;

    @Option(names = "--cluster", paramLabel = "item|subset", defaultValue = "item",
            description = "What clusters samples for the clustered standard errors: item (its samples and variants,"
                    + " the default) or subset (e.g. an MMLU subject).")
    String cluster;

    @Option(names = "--power", arity = "0..1", fallbackValue = "0.8", paramLabel = "POWER",
            description = "Also print what each benchmark can detect: the smallest B - A found with this power"
                    + " (0.8 when no value is given) at --alpha, and with --difference the items needed.")
    Double power;

    @Option(names = "--difference", paramLabel = "D",
            description = "With --power: the B - A (a fraction, 0.05 for 5 points) to count the items needed for.")
    Double difference;

    @Option(names = "--scorer", paramLabel = "NAME",
            description = "Compare by this scorer of the benchmarks that declare several (e.g. strict); default the"
                    + " headline. Benchmarks without it are left out.")
    String scorer;

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
        if (!"holm".equals(correction)) {
            path.append("&correction=").append(ApiClient.query(correction));
        }
        if (scorer != null) {
            path.append("&scorer=").append(ApiClient.query(scorer));
        }
        if (!"item".equals(cluster)) {
            path.append("&cluster=").append(ApiClient.query(cluster));
        }
        if (difference != null && power == null) {
            throw new CliException(ExitCode.USAGE, "--difference sizes the run for a power analysis: add --power");
        }
        if (power != null) {
            path.append("&power=").append(power);
        }
        if (difference != null) {
            path.append("&difference=").append(difference);
        }
        Service aggregator = evalctl.aggregator();
        String body = ApiClient.requireOk(aggregator, evalctl.client().get(aggregator, path.toString(),
                "application/json"));
        ModelComparison comparison = ApiClient.read(aggregator, body, ModelComparison.class);
        PrintWriter out = out();
        // --json shows the answer as the aggregator sent it (fields a newer one adds included), only indented.
        out.print(json ? ApiClient.json(aggregator, body).toPrettyString() + "\n" : Comparisons.table(comparison)
                + (power == null ? "" : Comparisons.power(comparison)));
        out.flush();
        return gate(comparison);
    }

    private int gate(ModelComparison comparison) {
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
