package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;

/** The packaged {@code evalctl}, run as a user runs it against a local stack: its own JVM, settings in the environment. */
final class EvalCtl {

    private EvalCtl() {
    }

    /**
     * Writes {@code count} PromptTasks of {@code runId} for {@code sim-strong} as JSON Lines, as a user pushes them:
     * additions of numbers to 25, on gsm8k, with no run manifest.
     */
    static Path additionTasks(Path file, String runId, int count) throws IOException {
        return Files.write(file, IntStream.rangeClosed(1, count).mapToObj(i -> """
                {"schemaVersion":1,"taskId":"%s/sim-strong/gsm8k/q%d/default/0","purpose":"EVAL",\
                "prompt":"Question: What is %d + 25?\\nAnswer:","extraction":"NUMERIC","reference":"%d",\
                "category":"MATH","settings":{"shots":0},"settingsHash":"adhoc"}""".formatted(runId, i, i, i + 25))
                .toList());
    }

    /** evalctl with {@code EVALSTREAM_TOKEN} set to {@code token}, as a user exports it, in {@code dir}. */
    static CommandLine.Result run(LocalStack stack, Path dir, String token, String... args)
            throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("evalstream.home"));
        Path jar = home.resolve("evalctl/target/evalctl.jar");
        assertThat(jar).as("evalctl is packaged before local-stack's tests run").isRegularFile();
        Map<String, String> environment = Map.of(
                "EVALSTREAM_PRODUCER_URL", stack.producer("").toString(),
                "EVALSTREAM_AGGREGATOR_URL", stack.aggregator("").toString(),
                "EVALSTREAM_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "EVALSTREAM_TOKEN", token);
        String[] command = new String[args.length + 3];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command[1] = "-jar";
        command[2] = jar.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        return CommandLine.run(dir, environment, Duration.ofMinutes(6), command);
    }
}
