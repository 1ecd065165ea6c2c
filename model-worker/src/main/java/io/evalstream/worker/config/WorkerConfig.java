package io.evalstream.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the model worker; Kafka client settings stay in application.properties. */
@ConfigMapping(prefix = "evalstream.worker")
public interface WorkerConfig {

    /** Tasks being served at once by this replica, all models together. */
    @WithDefault("1024")
    int maxInFlight();

    /** Per-request timeout of backends that call out, unless a model sets its own. */
    @WithDefault("60s")
    Duration requestTimeout();

    /** The models this worker serves, keyed by model id (the modelId part of a task id). */
    Map<String, Model> models();

    /** One served model: which backend answers for it and that backend's settings. */
    interface Model {

        Backend backend();

        /** Used when backend is {@code sim}. */
        Sim sim();

        /** Required when backend is {@code openai}. */
        Optional<OpenAi> openai();
    }

    enum Backend {
        SIM,
        OPENAI
    }

    /** See {@link io.evalstream.worker.sim.SimProfile} for what each setting means. */
    interface Sim {

        @WithDefault("0.5")
        double accuracy();

        /** Accuracy per benchmark id, overriding {@link #accuracy()}. */
        Map<String, Double> benchmarkAccuracy();

        @WithDefault("0ms")
        Duration latencyMedian();

        @WithDefault("0.5")
        double latencySigma();

        @WithDefault("0")
        double errorRate();

        @WithDefault("0")
        double noAnswerRate();

        @WithDefault("0")
        long seed();
    }

    /** An OpenAI-compatible endpoint. */
    interface OpenAi {

        /** API root such as {@code http://localhost:8000/v1}. */
        String baseUrl();

        /** Model name the server expects; defaults to the model id. */
        Optional<String> model();

        /** Bearer token; set it from the environment, never in a file in the repository. */
        Optional<String> apiKey();

        /** Overrides {@link WorkerConfig#requestTimeout()} for this model. */
        Optional<Duration> requestTimeout();
    }
}
