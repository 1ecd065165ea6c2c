package io.evalstream.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The models a user brings to {@code up} and {@code demo}: {@code --model} options and a models file. */
final class ModelArgs {

    @Option(names = "--model", paramLabel = "NAME=BACKEND:TARGET[,OPTION=VALUE...]",
            description = "A model of your own, repeatable: NAME=openai:URL (options api=chat|completions, "
                    + "model=SERVER_NAME, key-env=VAR or key-file=PATH, concurrency=N, rpm=N, tpm=N), "
                    + "NAME=gguf:PATH or NAME=sim:PROFILE (default, strong, medium, weak, flaky, slow). "
                    + "The key is read by the worker from VAR or PATH, never from the command line.")
    List<String> models = new ArrayList<>();

    @Option(names = "--models-file", paramLabel = "FILE",
            description = "YAML with the same fields: models: {NAME: {backend: openai, url: URL, key-env: VAR, ...}}.")
    Path modelsFile;

    /** Where the user ran {@code ./run}, which changes to the repository before it starts this program. */
    static Path callerDir() {
        return Path.of(System.getProperty("evalstream.caller.dir", "")).toAbsolutePath();
    }

    /**
     * The models, checked against this process's environment (which the model workers inherit); empty after
     * printing the one line that says what is wrong, and the command then exits with 2 before starting anything.
     */
    Optional<OwnModels> resolve() {
        try {
            return Optional.of(OwnModels.resolve(models, modelsFile, System.getenv(), callerDir()));
        } catch (ModelOptionException e) {
            System.err.println(e.getMessage());
            return Optional.empty();
        }
    }
}
