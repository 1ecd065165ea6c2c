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
import io.evalstream.worker.sim.SimProfiles;
import io.evalstream.worker.sim.SimSettings;
import io.evalstream.worker.sim.SimulatedBackend;
import io.evalstream.worker.sim.SimulatedModel;
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
import org.jboss.logging.Logger;

/** Builds the configured backends once; a bad model setting stops the service before it consumes anything. */
@Singleton
public class Backends {

    private static final Logger LOG = Logger.getLogger(Backends.class);

    @Produces
    @Singleton
    ModelRouter router(WorkerConfig config, Vertx vertx) {
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
            ModelBackend backend = create(id, model, config.requestTimeout(), scheduler, simProfiles);
            backends.put(id, backend);
            kinds.put(id, backend.kind());
        });
        LOG.infof("Serving models %s with at most %d tasks in flight", kinds, config.maxInFlight());
        return new ModelRouter(backends);
    }

    void close(@Disposes ModelRouter router) {
        router.close();
    }

    private static ModelBackend create(String id, WorkerConfig.Model model, Duration timeout, Scheduler scheduler,
            SimProfiles simProfiles) {
        try {
            return switch (model.backend()) {
                case SIM -> new SimulatedBackend(new SimulatedModel(simProfiles.forModel(id, model.sim().profile(),
                        settings(model.sim()))), scheduler);
                case OPENAI -> OpenAiBackend.create(endpoint(id, model, timeout));
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

    private static OpenAiEndpoint endpoint(String id, WorkerConfig.Model model, Duration timeout) {
        WorkerConfig.OpenAi openai = model.openai().orElseThrow(() -> new IllegalArgumentException(
                "backend openai needs evalstream.worker.models." + id + ".openai.base-url"));
        return new OpenAiEndpoint(URI.create(openai.baseUrl()), openai.model().orElse(id),
                openai.apiKey().orElse(null), openai.requestTimeout().orElse(timeout));
    }
}
