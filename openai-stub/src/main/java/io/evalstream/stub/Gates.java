package io.evalstream.stub;

import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests held unanswered at named gates ({@code [[stub:hold=GATE]]}) until a test releases the gate. Every held
 * request is one the client has in flight at that moment, so the number held at once is the client's concurrency,
 * counted rather than inferred from how long a batch took (which a loaded machine stretches and a small connection
 * pool can still meet).
 */
final class Gates {

    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    /** Holds the request answered by {@code answer} at {@code name}, or answers it now if the gate is open. */
    void hold(String name, HttpServerResponse response, Runnable answer) {
        Gate gate = gates.computeIfAbsent(name, n -> new Gate());
        if (gate.hold(response, answer)) {
            // A client that gives up (its timeout, a reset) is no longer waiting: it stops counting as held.
            response.closeHandler(v -> gate.drop(response));
        } else {
            answer.run();
        }
    }

    int held(String name) {
        Gate gate = gates.get(name);
        return gate == null ? 0 : gate.held();
    }

    int peak(String name) {
        Gate gate = gates.get(name);
        return gate == null ? 0 : gate.peak();
    }

    /** Answers every request held at {@code name}; later ones pass at once. */
    void release(String name) {
        gates.computeIfAbsent(name, n -> new Gate()).open().forEach(Runnable::run);
    }

    private static final class Gate {
        private final Map<HttpServerResponse, Runnable> held = new IdentityHashMap<>();
        private int peak;
        private boolean open;

        /** Whether the request was held (false: the gate is open, answer it now). */
        synchronized boolean hold(HttpServerResponse response, Runnable answer) {
            if (open) {
                return false;
            }
            held.put(response, answer);
            peak = Math.max(peak, held.size());
            return true;
        }

        synchronized void drop(HttpServerResponse response) {
            held.remove(response);
        }

        synchronized int held() {
            return held.size();
        }

        synchronized int peak() {
            return peak;
        }

        synchronized List<Runnable> open() {
            open = true;
            List<Runnable> answers = new ArrayList<>(held.values());
            held.clear();
            return answers;
        }
    }
}
