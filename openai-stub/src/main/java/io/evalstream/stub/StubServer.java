package io.evalstream.stub;

import io.evalstream.stub.OpenAiStub.StubOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The stub as a server process of its own, for tests and hand checks that must not share a JVM with it:
 * {@code java -cp 'local-stack/target/lib/*' io.evalstream.stub.StubServer [--port N] [--latency-ms N]
 * [--batch-duration-ms N]} (how long each batch stays in progress).
 * Prints its API root once it listens, then serves until it is stopped. {@code GET /stub/requests} tells what it
 * saw: requests in total and by Authorization fingerprint ({@link OpenAiStub#fingerprint}).
 */
public final class StubServer {

    private StubServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        long latencyMillis = 0;
        long batchMillis = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--port" -> port = number(args[i], value);
                case "--latency-ms" -> latencyMillis = number(args[i], value);
                case "--batch-duration-ms" -> batchMillis = number(args[i], value);
                default -> usage("unknown argument '" + args[i] + "'");
            }
            i++;
        }
        Duration latency = Duration.ofMillis(latencyMillis);
        OpenAiStub stub = OpenAiStub.start(new StubOptions("127.0.0.1", port, latency, latency, 1));
        stub.batchDuration(Duration.ofMillis(batchMillis));
        Runtime.getRuntime().addShutdownHook(new Thread(stub::close, "stub-stop"));
        System.out.println("openai-stub listening on " + stub.baseUrl() + " (every answer: " + OpenAiStub.ANSWER
                + "); GET " + stub.baseUrl().replace("/v1", "") + "/stub/requests for what it saw");
        new CountDownLatch(1).await();
    }

    private static int number(String option, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        usage(option + " needs a whole number of 0 or more, not '" + value + "'");
        return 0;
    }

    private static void usage(String problem) {
        System.err.println(problem + "; usage: StubServer [--port N] [--latency-ms N] [--batch-duration-ms N]");
        System.exit(2);
    }
}
