package io.evalstream.worker.config;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Require;
import io.evalstream.worker.backend.ModelBackend;
import io.evalstream.worker.backend.ModelRouter;
import io.evalstream.worker.backend.Scheduler;
import io.evalstream.worker.gguf.GgufBackend;
import io.evalstream.worker.gguf.GgufModelSpec;
import io.evalstream.worker.openai.OpenAiBackend;
import io.evalstream.worker.openai.OpenAiEndpoint;
import io.evalstream.worker.openai.ReplyCaps;
import io.evalstream.worker.sim.SimProfiles;
import io.evalstream.worker.sim.SimSettings;
import io.evalstream.worker.metrics.WorkerMetrics;
import io.evalstream.worker.resilience.GuardedBackend;
import io.evalstream.worker.resilience.BreakerPolicy;
import io.evalstream.worker.resilience.CallLimits;
import io.evalstream.worker.resilience.ResiliencePolicy;
import io.evalstream.worker.resilience.RetryPolicy;
import io.evalstream.worker.resilience.WorkShare;
import io.evalstream.worker.sim.SimulatedBackend;
import io.evalstream.worker.sim.SimulatedModel;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * Builds the configured backends once, each behind the guards of its model's resilience policy; a bad
 * model setting stops the service before it consumes anything.
 */
@Singleton
public class Backends {

    private static final Logger LOG = Logger.getLogger(Backends.class);

    /** Completes rate-budget waits; it only completes futures, so one thread serves every model. */
    private final ScheduledExecutorService budgetTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "evalstream-rate-budget");
        thread.setDaemon(true);
        return thread;
    });

    /** This replica's part of the tasks, set on every rebalance of the tasks consumer. */
    @Produces
    @Singleton
    WorkShare workShare() {
        return new WorkShare();
    }

    @Produces
    @Singleton
    ModelRouter router(WorkerConfig config, Vertx vertx, WorkerMetrics metrics, WorkShare share) {
        if (config.models().isEmpty()) {
            throw new IllegalStateException("no model is configured: set evalstream.worker.models.<model-id>.backend");
        }
        // Vert.x timers fire on an event loop: thousands of simulated delays cost no thread.
        Scheduler scheduler = (delay, action) -> vertx.setTimer(Math.max(1, delay.toMillis()), id -> action.run());
        SimProfiles simProfiles = simProfiles(config);
        Map<String, ModelBackend> backends = new TreeMap<>();
        Map<String, String> kinds = new TreeMap<>();
        config.models().forEach((id, model) -> {
            if (!Require.ID.matcher(id).matches()) {
                throw new IllegalStateException("model id '" + id + "' in evalstream.worker.models can never match a"
                        + " task id: use letters, digits and ._:@+- only, starting with a letter or digit");
            }
            ResiliencePolicy policy = policy(id, model, config);
            ModelBackend backend = create(id, model, policy, scheduler, vertx, simProfiles);
            backends.put(id, new GuardedBackend(backend, policy, share, budgetTimer, metrics.model(id)));
            kinds.put(id, backend.kind());
        });
        LOG.infof("Serving models %s with at most %d tasks in flight", kinds, config.maxInFlight());
        return new ModelRouter(backends);
    }

    void close(@Disposes ModelRouter router) {
        router.close();
        budgetTimer.shutdownNow();
    }

    private static ModelBackend create(String id, WorkerConfig.Model model, ResiliencePolicy policy,
            Scheduler scheduler, Vertx vertx, SimProfiles simProfiles) {
        try {
            return switch (model.backend()) {
                case SIM -> new SimulatedBackend(new SimulatedModel(simProfiles.forModel(id, model.sim().profile(),
                        settings(model.sim())), model.sim().formatSlipRate()), scheduler);
                case OPENAI -> OpenAiBackend.create(endpoint(id, model, policy), vertx);
                case GGUF -> gguf(id, model);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("model '" + id + "' is misconfigured: " + e.getMessage(), e);
        }
    }

    private static SimProfiles simProfiles(WorkerConfig config) {
        Map<String, SimSettings> configured = new TreeMap<>();
        config.simProfiles().forEach((name, values) -> {
            try {
                SimSettings settings = settings(values);
                settings.resolve(0); // range checks now, naming the profile
                configured.put(name, settings);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("evalstream.worker.sim-profiles." + name + " is misconfigured: "
                        + e.getMessage(), e);
            }
        });
        return new SimProfiles(configured);
    }

    private static SimSettings settings(WorkerConfig.SimValues values) {
        return new SimSettings(optional(values.accuracy()), values.benchmarkAccuracy(),
                keyed(values.categoryAccuracy(), Category.class, "category-accuracy"), values.latencyMedian(),
                optional(values.latencySigma()), optional(values.errorRate()),
                keyed(values.errorKinds(), ErrorKind.class, "error-kinds"), optional(values.noAnswerRate()),
                values.seed().map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    private static OptionalDouble optional(Optional<Double> value) {
        return value.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    private static <E extends Enum<E>> Map<E, Double> keyed(Map<String, Double> values, Class<E> type, String key) {
        Map<E, Double> keyed = new EnumMap<>(type);
        values.forEach((name, value) -> {
            try {
                keyed.put(Enum.valueOf(type, name.toUpperCase(Locale.ROOT)), value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + "." + name + ": '" + name + "' is none of "
                        + Arrays.toString(type.getEnumConstants()), e);
            }
        });
        return keyed;
    }

    private static GgufBackend gguf(String id, WorkerConfig.Model model) {
        String key = "evalstream.worker.models." + id + ".gguf.";
        WorkerConfig.Gguf gguf = model.gguf().orElseThrow(() -> new IllegalArgumentException(
                "backend gguf needs " + key + "path"));
        GgufModelSpec spec;
        try {
            spec = new GgufModelSpec(Path.of(gguf.path()), gguf.slots(), gguf.threads(), gguf.context());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("evalstream.worker.models." + id + "." + e.getMessage(), e);
        }
        try {
            return GgufBackend.load(id, spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "path=" + gguf.path() + " cannot be served: " + e.getMessage(),
                    e);
        }
    }

    /** The guards of a model, from its settings; the budgets are global, shared by {@link WorkShare}. */
    static ResiliencePolicy policy(String id, WorkerConfig.Model model, WorkerConfig config) {
        WorkerConfig.Limits limits = model.limits();
        WorkerConfig.Retry retry = model.retry();
        WorkerConfig.CircuitBreaker breaker = model.circuitBreaker();
        try {
            return new ResiliencePolicy(id,
                    new CallLimits(limits.maxConcurrency().orElse(defaultConcurrency(model, config)),
                            limits.requestsPerMinute().orElse(0L), limits.tokensPerMinute().orElse(0L)),
                    new RetryPolicy(retry.maxAttempts(), retry.initialDelay(), retry.maxDelay(), retry.jitter()),
                    new BreakerPolicy(breaker.failureRatio(), breaker.requestVolume(), breaker.delay()),
                    timeout(model, config));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("model '" + id + "' is misconfigured: " + e.getMessage(), e);
        }
    }

    /**
     * A gguf model generates {@code slots} sequences at once: more calls would only queue inside the timeout, so
     * a long queue would time out and be retried; they wait for a permit instead, which has no timeout.
     */
    private static int defaultConcurrency(WorkerConfig.Model model, WorkerConfig config) {
        return model.backend() == WorkerConfig.Backend.GGUF && model.gguf().isPresent() ? model.gguf().get().slots()
                : config.maxInFlight();
    }

    private static Duration timeout(WorkerConfig.Model model, WorkerConfig config) {
        return model.requestTimeout()
                .or(() -> model.openai().flatMap(WorkerConfig.OpenAi::requestTimeout))
                .orElse(config.requestTimeout());
    }

    static OpenAiEndpoint endpoint(String id, WorkerConfig.Model model, ResiliencePolicy policy) {
        WorkerConfig.OpenAi openai = model.openai().orElseThrow(() -> new IllegalArgumentException(
                "backend openai needs evalstream.worker.models." + id + ".openai.base-url"));
        return new OpenAiEndpoint(URI.create(openai.baseUrl()), openai.model().orElse(id),
                ApiKeys.resolve(id, openai), policy.requestTimeout(), openai.api(), openai.stream(),
                policy.limits().maxConcurrency(), caps(id, openai.caps()));
    }

    private static ReplyCaps caps(String id, WorkerConfig.Caps caps) {
        try {
            return new ReplyCaps(buffer(caps.errorBody(), "error-body"), caps.bytesPerToken(),
                    caps.replyAllowance().asLongValue(), caps.replyCeiling().asLongValue(),
                    buffer(caps.sseLine(), "sse-line"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("evalstream.worker.models." + id + "." + e.getMessage(), e);
        }
    }

    /** A cap on bytes held in one array: at most 1 GiB. */
    private static int buffer(MemorySize size, String key) {
        long value = size.asLongValue();
        if (value > 1 << 30) {
            throw new IllegalArgumentException("openai.caps." + key + " must be at most 1G, got " + value);
        }
        return (int) value;
    }
}
