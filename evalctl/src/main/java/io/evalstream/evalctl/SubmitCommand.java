package io.evalstream.evalctl;

import io.evalstream.contracts.RunAccepted;
import io.evalstream.evalctl.render.Projections;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evalctl submit SPEC}: checks a run spec file, submits it, and optionally watches the run. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submits a run spec (JSON or YAML; - reads standard input). The spec is checked here first,"
                + " with the prompt-producer's rules. Prints the run id, its tasks and the settings hash of every"
                + " benchmark variant.")
final class SubmitCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "SPEC", description = "The run spec file.")
    Path file;

    @Option(names = "--run-id", paramLabel = "ID", description = "Replaces the spec's runId.")
    String runId;

    @Option(names = {"-q", "--quiet"}, description = "Print only the run id, e.g. RUN=$(evalctl submit -q spec.yaml).")
    boolean quiet;

    @Option(names = {"-w", "--watch"}, description = "Then watch the run to completion, as `evalctl watch` does.")
    boolean watch;

    @Option(names = "--dry-run", description = "Publish nothing: print the tasks, calls, tokens and projected cost"
            + " per model that submitting would bring.")
    boolean dryRun;

    @Mixin
    WatchCommand.WatchOptions watchOptions;

    @Override
    public Integer call() {
        SpecFile specFile = SpecFile.parse(InputFiles.name(file), InputFiles.read(file), runId);
        Service producer = evalctl.producer();
        HttpResponse<String> response = evalctl.client().postJson(producer, dryRun ? "/runs?dryRun=true" : "/runs",
                specFile.json());
        RunAccepted accepted = ApiClient.read(producer, ApiClient.requireOk(producer, response), RunAccepted.class);
        PrintWriter out = out();
        if (dryRun) {
            out.print(Projections.table(accepted));
            out.flush();
            return ExitCode.OK;
        }
        if (quiet) {
            out.println(accepted.runId());
        } else {
            describe(out, accepted);
        }
        out.flush();
        if (watch) {
            WatchCommand.watch(this, specFile.runId(), watchOptions);
        }
        return ExitCode.OK;
    }

    private static void describe(PrintWriter out, RunAccepted accepted) {
        out.printf("Run %s accepted: %d tasks published.%n", accepted.runId(), accepted.tasks());
        out.print(Projections.table(accepted));
        out.println("Settings hash per benchmark and variant (equal hashes = comparable scores):");
        if (accepted.settingsHash() != null) {
            accepted.settingsHash().forEach((benchmark, variants) -> variants.forEach((variant, hash) ->
                    out.printf("  %-14s %-12s %s%n", benchmark, variant, hash)));
        }
    }
}
