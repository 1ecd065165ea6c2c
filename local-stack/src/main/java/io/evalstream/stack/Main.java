package io.evalstream.stack;

import io.evalstream.evalctl.ExitCode;
import io.evalstream.evalctl.FailureHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./run demo}, {@code ./run up} and {@code ./run bench}. */
@Command(name = "evalstream-stack", mixinStandardHelpOptions = true,
        description = "Runs evalstream on this machine: a real Kafka broker and the four services as processes.",
        subcommands = {DemoCommand.class, UpCommand.class, BenchCommand.class})
public final class Main {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new Main());
        String command = args.length > 0 ? args[0] : "";
        FailureHandler failures = new FailureHandler("./run " + command);
        commandLine.setExecutionExceptionHandler((exception, failed, parsed) -> {
            if (ExitHook.exiting()) {
                // Ctrl-C or SIGTERM: what failed were calls to services being stopped. No error to report, and no
                // stack trace file to leave behind.
                failed.getErr().println("./run " + command + " stopped: the processes it started are being stopped"
                        + " and its temporary files deleted.");
                return ExitCode.FAILED;
            }
            return failures.handleExecutionException(exception, failed, parsed);
        });
        int exit = commandLine.execute(args);
        // Child processes are stopped by then; exiting explicitly ends any lingering non-daemon client threads.
        System.exit(exit);
    }
}
