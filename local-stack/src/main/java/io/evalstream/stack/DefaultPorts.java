package io.evalstream.stack;

import io.evalstream.evalctl.CliException;
import io.evalstream.evalctl.ExitCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ports the README's commands use; each service's application.properties has the same default. */
final class DefaultPorts {

    static final int KAFKA = 9092;
    static final int PRODUCER = 8081;
    static final int WORKER = 8082;
    static final int GRADER = 8083;
    static final int AGGREGATOR = 8084;

    private static final Map<Integer, String> USERS = Map.of(KAFKA, "Kafka", PRODUCER, "prompt-producer",
            WORKER, "model-worker", GRADER, "grader-service", AGGREGATOR, "aggregator");

    private DefaultPorts() {
    }

    /**
     * Fails before anything starts when one of the ports is taken (most often by another {@code ./run up}), rather
     * than with a service that dies during start.
     */
    static void requireFree() {
        List<String> taken = new ArrayList<>();
        for (int port : List.of(KAFKA, PRODUCER, WORKER, GRADER, AGGREGATOR)) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(port));
            } catch (IOException e) {
                taken.add(port + " (" + USERS.get(port) + ")");
            }
        }
        if (!taken.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "port" + (taken.size() == 1 ? " " : "s ") + String.join(", ", taken)
                    + (taken.size() == 1 ? " is" : " are") + " in use, perhaps by another ./run up (stop it with"
                    + " Ctrl-C); `ss -ltnp` shows who listens. ./run demo needs none of them: it takes free ports.");
        }
    }
}
