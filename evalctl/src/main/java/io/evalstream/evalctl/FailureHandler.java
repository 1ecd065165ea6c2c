package io.evalstream.evalctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How a command line program of evalstream ends on an exception: one line a user can read, never a stack trace on the
 * terminal. A {@link CliException} is an expected failure, printed as it is with its exit code; anything else is
 * unexpected, so its stack trace goes to a log file that the line names, for a bug report.
 */
public final class FailureHandler implements IExecutionExceptionHandler {

    private final String tool;

    /** @param tool how the user called the program, e.g. {@code evalctl} or {@code ./run demo} */
    public FailureHandler(String tool) {
        this.tool = tool;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine failed, ParseResult parseResult) {
        if (exception instanceof CliException cli) {
            failed.getErr().println(tool + ": " + cli.getMessage());
            return cli.exitCode();
        }
        failed.getErr().println(tool + " failed unexpectedly: " + summary(exception) + " (" + logged(exception) + ")");
        return ExitCode.FAILED;
    }

    private static String summary(Throwable exception) {
        return exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
    }

    private String logged(Throwable exception) {
        try {
            Path log = Files.createTempFile("evalstream-" + tool.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-", "")
                    + "-", ".log");
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
                exception.printStackTrace(out);
            }
            return "stack trace in " + log;
        } catch (IOException e) {
            return "its stack trace could not be written to a file: " + e.getMessage();
        }
    }
}
