package io.evalstream.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Outside programs the tests run (promtool, node, npm, evalctl): found on the PATH or the test fails saying what to
 * install.
 */
final class CommandLine {

    /** What one command did: its exit code and its output, stdout and stderr merged. */
    record Result(List<String> command, int exitCode, String output) {

        /** For assertion messages: the command and everything it said. */
        String describe() {
            return String.join(" ", command) + " exited with " + exitCode + ":\n" + output;
        }
    }

    private CommandLine() {
    }

    /**
     * The absolute path of {@code tool} on the PATH.
     *
     * @throws AssertionError naming what installs it when it is not there (never a skip: ./run test installs it)
     */
    static Path require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (candidate.toFile().canExecute()) {
                return candidate.toAbsolutePath();
            }
        }
        throw new AssertionError("'" + tool + "' is not on the PATH, so the deploy files cannot be checked. Run the"
                + " tests with ./run test, or run ./run setup first: either installs it (" + debianPackage + ")");
    }

    /** Runs {@code command} in {@code dir} and waits for it, at most {@code timeout}. */
    static Result run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        return run(dir, Map.of(), timeout, command);
    }

    /** Runs {@code command} in {@code dir} with {@code environment} added to this JVM's, and waits for it. */
    static Result run(Path dir, Map<String, String> environment, Duration timeout, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        // Read while it runs, so a chatty tool never blocks on a full pipe.
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
        }
        try {
            return new Result(List.of(command), process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot read the output of " + String.join(" ", command), e);
        }
    }
}
