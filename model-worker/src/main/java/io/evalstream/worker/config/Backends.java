package io.evalstream.worker.config;

import io.evalstream.contracts.Require;
import io.evalstream.worker.backend.ModelBackend;
import io.evalstream.worker.backend.ModelRouter;
import io.evalstream.worker.backend.Scheduler;
import io.evalstream.worker.openai.OpenAiBackend;
import io.evalstream.worker.openai.OpenAiEndpoint;
import io.evalstream.worker.sim.SimProfile;
import io.evalstream.worker.sim.SimulatedBackend;
import io.evalstream.worker.sim.SimulatedModel;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
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
        Map<String, ModelBackend> backends = new TreeMap<>();
        Map<String, String> kinds = new TreeMap<>();
        config.models().forEach((id, model) -> {
            if (!Require.ID.matcher(id).matches()) {
                throw new IllegalStateException("model id '" + id + "' in evalstream.worker.models can never match a"
                        + " task id: use letters, digits and ._:@+- only, starting with a letter or digit");
            }
            ModelBackend backend = create(id, model, config.requestTimeout(), scheduler);
            backends.put(id, backend);
            kinds.put(id, backend.kind());
        });
        LOG.infof("Serving models %s with at most %d tasks in flight", kinds, config.maxInFlight());
        return new ModelRouter(backends);
    }

    void close(@Disposes ModelRouter router) {
        router.close();
    }

    private static ModelBackend create(String id, WorkerConfig.Model model, Duration timeout, Scheduler scheduler) {
        try {
            return switch (model.backend()) {
                case SIM -> new SimulatedBackend(new SimulatedModel(profile(model.sim())), scheduler);
                case OPENAI -> OpenAiBackend.create(endpoint(id, model, timeout));
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("model '" + id + "' is misconfigured: " + e.getMessage(), e);
        }
    }

    private static SimProfile profile(WorkerConfig.Sim sim) {
        return new SimProfile(sim.accuracy(), sim.benchmarkAccuracy(), sim.latencyMedian(), sim.latencySigma(),
                sim.errorRate(), sim.noAnswerRate(), sim.seed());
    }

    private static OpenAiEndpoint endpoint(String id, WorkerConfig.Model model, Duration timeout) {
        WorkerConfig.OpenAi openai = model.openai().orElseThrow(() -> new IllegalArgumentException(
                "backend openai needs evalstream.worker.models." + id + ".openai.base-url"));
        return new OpenAiEndpoint(URI.create(openai.baseUrl()), openai.model().orElse(id),
                openai.apiKey().orElse(null), openai.requestTimeout().orElse(timeout));
    }
}
