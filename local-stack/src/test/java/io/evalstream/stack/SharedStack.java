package io.evalstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the end-to-end tests: one local stack per test JVM, since booting a broker and four services costs
 * tens of seconds. Tests keep out of each other's way with their own run ids.
 */
abstract class SharedStack {

    private static LocalStack shared;

    static LocalStack stack;
    static StackClient client;

    @BeforeAll
    static void startStack() {
        stack = get();
        client = new StackClient(stack);
    }

    private static synchronized LocalStack get() {
        if (shared == null) {
            try {
                shared = LocalStack.start(new StackOptions(StackOptions.defaultHome(),
                        Files.createTempDirectory("evalstream-e2e"), null, Map.of()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a work directory for the stack", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stack-stop"));
        }
        return shared;
    }
}
