package io.evalstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** One local stack per test JVM: booting a broker and four services costs tens of seconds, so tests share it. */
final class SharedStack {

    private static LocalStack stack;

    private SharedStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            try {
                stack = LocalStack.start(new StackOptions(StackOptions.defaultHome(),
                        Files.createTempDirectory("evalstream-e2e"), null, Map.of()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a work directory for the stack", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-stop"));
        }
        return stack;
    }
}
