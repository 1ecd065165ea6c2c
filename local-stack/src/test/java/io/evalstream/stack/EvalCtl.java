package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The packaged {@code evalctl}, run as a user runs it against a local stack: its own JVM, settings in the environment. */
final class EvalCtl {

    private EvalCtl() {
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
