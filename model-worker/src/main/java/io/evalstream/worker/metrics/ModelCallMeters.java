package io.evalstream.worker.metrics;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.worker.resilience.BreakerState;
import io.evalstream.worker.resilience.CallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one model's guarded calls: calls sent and in flight, retries by reason, waits for the
 * rate budgets, and the circuit breaker's state. Counters are looked up once per label value.
 */
final class ModelCallMeters implements CallListener {

    private final MeterRegistry registry;
    private final String model;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger breaker = new AtomicInteger();
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Map<String, Timer> waits = new ConcurrentHashMap<>();
    private final Map<BreakerState, Counter> transitions = new ConcurrentHashMap<>();

    ModelCallMeters(MeterRegistry registry, String model) {
        this.registry = registry;
        this.model = model;
        Gauge.builder("evalstream.model.in.flight", inFlight, AtomicInteger::get)
                .description("Calls to the model under way on this replica (sent, not yet answered)")
                .tag("model", model).register(registry);
        Gauge.builder("evalstream.model.breaker.state", breaker, AtomicInteger::get)
                .description("Circuit breaker of the model: 0 closed, 1 half-open, 2 open")
                .tag("model", model).register(registry);
    }

    @Override
    public void callStarted() {
        inFlight.incrementAndGet();
    }

    @Override
    public void callEnded(ErrorKind failure) {
        inFlight.decrementAndGet();
        String outcome = failure == null ? "ok" : WorkerMetrics.label(failure);
        calls.computeIfAbsent(outcome, o -> Counter.builder("evalstream.model.calls")
                .description("Calls sent to the model, retries included, by outcome")
                .tags("model", model, "outcome", o).register(registry)).increment();
    }

    @Override
    public void retrying(String reason) {
        retries.computeIfAbsent(reason, r -> Counter.builder("evalstream.model.retries")
                .description("Tries repeated after a failure, by the failure's kind (breaker_open: refused by the"
                        + " open breaker)")
                .tags("model", model, "kind", r).register(registry)).increment();
    }

    @Override
    public void waitedForBudget(String budget, long nanos) {
        waits.computeIfAbsent(budget, b -> Timer.builder("evalstream.model.rate.limit.wait")
                .description("Calls that waited for the rate budget (requests or tokens per minute), and how long")
                .tags("model", model, "budget", b).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void breakerChanged(BreakerState state) {
        breaker.set(state.gaugeValue());
        transitions.computeIfAbsent(state, s -> Counter.builder("evalstream.model.breaker.transitions")
                .description("Times the model's circuit breaker entered a state")
                .tags("model", model, "state", s.name().toLowerCase(java.util.Locale.ROOT)).register(registry))
                .increment();
    }
}
