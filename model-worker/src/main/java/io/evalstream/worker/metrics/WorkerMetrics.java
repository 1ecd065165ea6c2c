package io.evalstream.worker.metrics;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.worker.resilience.CallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's meters. Labels are bounded: model ids come from configuration (a task for any other
 * model is counted by {@link #unserved} alone, without its model), outcomes from {@link ErrorKind}. Meters are
 * looked up once per model, not once per record.
 */
@Singleton
public class WorkerMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, ModelMeters> models = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, ModelCallMeters> calls = new ConcurrentHashMap<>();
    private final Counter unserved;
    private final Counter stoppedEarly;
    private final Counter overBudget;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("evalstream.worker.in.flight", inFlight);
        // Registered up front, so a dashboard shows it at 0 before the first unserved task.
        unserved = terminalErrors(ErrorKind.NO_WORKER_FOR_MODEL);
        stoppedEarly = terminalErrors(ErrorKind.STOPPED_EARLY);
        overBudget = terminalErrors(ErrorKind.BUDGET_EXCEEDED);
    }

    private Counter terminalErrors(ErrorKind kind) {
        return Counter.builder("evalstream.terminal.errors")
                .description("Tasks ended as an error completion without a model call (instead of being"
                        + " dead-lettered), by kind")
                .tag("kind", label(kind)).register(registry);
    }

    /** The listener of one model's guarded calls (calls, retries, budget waits, breaker). */
    public CallListener model(String model) {
        return calls.computeIfAbsent(model, m -> new ModelCallMeters(registry, m));
    }

    /** A model call began. */
    public void started() {
        inFlight.incrementAndGet();
    }

    /** A model call ended with this completion. */
    public void finished(Completion completion) {
        inFlight.decrementAndGet();
        ModelMeters meters = models.computeIfAbsent(completion.taskId().modelId(), this::meters);
        Counter outcome = completion.status() == CompletionStatus.OK ? meters.ok()
                : meters.errors().get(completion.error().kind());
        outcome.increment();
        meters.latency().record(Duration.ofMillis(completion.latencyMillis()));
        if (completion.firstTokenMillis() != null) {
            meters.firstToken().record(Duration.ofMillis(completion.firstTokenMillis()));
        }
        meters.promptTokens().increment(completion.usage().promptTokens());
        meters.completionTokens().increment(completion.usage().completionTokens());
    }

    /** A task for a model no backend here serves ended as a NO_WORKER_FOR_MODEL error completion. */
    public void unserved() {
        unserved.increment();
    }

    /** A task whose call could pass its run's budget ended as a BUDGET_EXCEEDED error completion: not called. */
    public void overBudget() {
        overBudget.increment();
    }

    /** A task whose comparison its run stopped early ended as a STOPPED_EARLY error completion: a call saved. */
    public void stoppedEarly() {
        stoppedEarly.increment();
    }

    /** A record read from {@code topic} went to the dead-letter topic. */
    public void deadLettered(String topic) {
        deadLetters.computeIfAbsent(topic, t -> Counter.builder("evalstream.dead.letters")
                .description("Records sent to the dead-letter topic, by the topic they were read from")
                .tag("topic", t).register(registry)).increment();
    }

    private ModelMeters meters(String model) {
        Map<ErrorKind, Counter> errors = new EnumMap<>(ErrorKind.class);
        for (ErrorKind kind : ErrorKind.values()) {
            errors.put(kind, requests(model, label(kind)));
        }
        Timer latency = Timer.builder("evalstream.model.latency")
                .description("Wall time of a model call, from the worker's side")
                .tag("model", model)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        Timer firstToken = Timer.builder("evalstream.model.first.token")
                .description("Time from sending the successful call to its first generated token (streaming)")
                .tag("model", model)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        return new ModelMeters(requests(model, "ok"), errors, latency, firstToken, tokens(model, "prompt"),
                tokens(model, "completion"));
    }

    static String label(ErrorKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private Counter requests(String model, String outcome) {
        return Counter.builder("evalstream.model.requests")
                .description("Tasks served, by outcome: ok, or the error kind of the terminal error completion")
                .tags("model", model, "outcome", outcome).register(registry);
    }

    private Counter tokens(String model, String direction) {
        return Counter.builder("evalstream.model.tokens")
                .description("Tokens in (prompt) and out (completion), as reported or estimated")
                .tags("model", model, "direction", direction).register(registry);
    }

    private record ModelMeters(Counter ok, Map<ErrorKind, Counter> errors, Timer latency, Timer firstToken,
            Counter promptTokens,
            Counter completionTokens) {
    }
}
