package io.evalstream.evalctl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.CompletionsImported;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evalctl push FILE}: tasks from a JSON Lines file onto the tasks topic; {@code push --completions FILE
 * --spec SPEC}: completions made elsewhere, graded and reported as the run SPEC describes.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Pushes PromptTasks from a JSON Lines file (- reads standard input) onto evalstream.tasks,"
                + " keyed by task id. Every line is checked first; with a bad line nothing is pushed unless"
                + " --skip-invalid. The value format is contracts/src/main/resources/schemas/prompt-task.v1.schema.json."
                + " With --completions the file holds completions made elsewhere instead, one"
                + " {model, benchmark, itemId, prompt, completion} per line: they are graded by the same graders and"
                + " reported as a run of --spec, whose benchmarks they answer; no model is asked.")
final class PushCommand extends Subcommand implements Callable<Integer> {

    private static final int MAX_SHOWN = 20;

    @Parameters(paramLabel = "FILE", description = "One PromptTask JSON per line.")
    Path file;

    @Option(names = "--skip-invalid", description = "Push the valid lines even when some are not; they are listed, and the exit code is 4.")
    boolean skipInvalid;

    @Option(names = "--dry-run", description = "Only check the file.")
    boolean dryRun;

    @Option(names = "--completions", description = "FILE holds completions made elsewhere (needs --spec).")
    boolean completions;

    @Option(names = "--spec", paramLabel = "SPEC", description = "With --completions: the run spec (JSON or YAML)"
            + " naming the run, its models and the benchmarks the completions answer.")
    Path spec;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client settings as a Java properties file, e.g. security.protocol=SASL_SSL,"
                    + " sasl.mechanism, sasl.jaas.config, ssl.truststore.location (like kcat -F). Environment"
                    + " variables EVALSTREAM_KAFKA_<NAME> set the same (EVALSTREAM_KAFKA_SECURITY_PROTOCOL);"
                    + " the file wins over them.")
    Path kafkaConfig;

    @Override
    public Integer call() {
        if (completions) {
            return pushCompletions();
        }
        String name = InputFiles.name(file);
        TaskLines lines = TaskLines.parse(InputFiles.read(file));
        PrintWriter err = err();
        lines.problems().stream().limit(MAX_SHOWN).forEach(problem -> err.println(name + ": " + problem));
        if (lines.problems().size() > MAX_SHOWN) {
            err.println(name + ": ... and " + (lines.problems().size() - MAX_SHOWN) + " more bad lines");
        }
        err.flush();
        if (!lines.problems().isEmpty() && !skipInvalid) {
            throw new CliException(ExitCode.REFUSED, name + " has " + lines.problems().size() + " bad line(s);"
                    + " nothing was pushed. Fix them, or push the rest with --skip-invalid.");
        }
        if (lines.tasks().isEmpty()) {
            throw new CliException(ExitCode.REFUSED, name + " holds no task to push");
        }
        PrintWriter out = out();
        if (dryRun) {
            out.printf("%s: %d task(s) valid; nothing pushed (--dry-run).%n", name, lines.tasks().size());
        } else {
            TaskPusher.push(KafkaSettings.resolve(evalctl.bootstrapServers, kafkaConfig, System.getenv()),
                    lines.tasks());
            out.printf("Pushed %d task(s) from %s onto %s%s.%n", lines.tasks().size(), name, Topics.TASKS,
                    lines.problems().isEmpty() ? "" : " (" + lines.problems().size() + " bad line(s) skipped)");
        }
        out.flush();
        return lines.problems().isEmpty() ? ExitCode.OK : ExitCode.REFUSED;
    }

    private int pushCompletions() {
        if (spec == null) {
            throw new CliException(ExitCode.USAGE, "--completions needs --spec SPEC: the run spec naming the run, its"
                    + " models and the benchmarks the completions answer");
        }
        String name = InputFiles.name(file);
        CompletionLines lines = CompletionLines.parse(InputFiles.read(file));
        if (!lines.problems().isEmpty()) {
            lines.problems().stream().limit(MAX_SHOWN).forEach(problem -> err().println(name + ": " + problem));
            err().flush();
            throw new CliException(ExitCode.REFUSED, name + " has " + lines.problems().size() + " bad line(s);"
                    + " nothing was pushed");
        }
        if (lines.completions().isEmpty()) {
            throw new CliException(ExitCode.REFUSED, name + " holds no completion to push");
        }
        SpecFile specFile = SpecFile.parse(InputFiles.name(spec), InputFiles.read(spec), null);
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("spec", ApiClient.json(evalctl.producer(), specFile.json()));
        body.set("completions", lines.completions());
        Service producer = evalctl.producer();
        PrintWriter out = out();
        if (dryRun) {
            out.printf("%s: %d completion(s) read; nothing pushed (--dry-run).%n", name, lines.completions().size());
        } else {
            CompletionsImported accepted = ApiClient.read(producer, ApiClient.requireOk(producer,
                    evalctl.client().postJson(producer, "/completions", body.toString())), CompletionsImported.class);
            out.printf("Pushed %d completion(s) from %s as run %s; they are graded as its tasks (evalctl watch %s).%n",
                    accepted.completions(), name, accepted.runId(), accepted.runId());
        }
        out.flush();
        return ExitCode.OK;
    }
}
