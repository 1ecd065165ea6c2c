package io.evalstream.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What bwrap wrote to its {@code --json-status-fd}: a {@code child-pid} object once the sandbox is set up and
 * the program is about to start, and an {@code exit-code} object at the end. It lives outside the sandbox, so
 * unlike the program's output it cannot be forged by the program.
 */
record BwrapStatus(boolean started, OptionalInt exitCode) {

    private static final Pattern CHILD_PID = Pattern.compile("\"child-pid\"\\s*:\\s*\\d+");
    private static final Pattern EXIT_CODE = Pattern.compile("\"exit-code\"\\s*:\\s*(\\d+)");

    static BwrapStatus parse(String json) {
        Matcher exit = EXIT_CODE.matcher(json);
        return new BwrapStatus(CHILD_PID.matcher(json).find(),
                exit.find() ? OptionalInt.of(Integer.parseInt(exit.group(1))) : OptionalInt.empty());
    }

    static BwrapStatus read(Path file) throws IOException {
        return parse(Files.exists(file) ? Files.readString(file) : "");
    }
}
