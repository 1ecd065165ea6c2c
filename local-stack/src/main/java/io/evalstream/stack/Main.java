package io.evalstream.stack;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./run demo} and {@code ./run bench}. */
@Command(name = "evalstream-stack", mixinStandardHelpOptions = true,
        description = "Runs evalstream on this machine: a real Kafka broker and the four services as processes.",
        subcommands = {DemoCommand.class, UpCommand.class, BenchCommand.class})
public final class Main {

    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args);
        // Child processes are stopped by then; exiting explicitly ends any lingering non-daemon client threads.
        System.exit(exit);
    }
}
