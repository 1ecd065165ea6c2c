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

    /** Named simulator profiles a sim model can use with {@code sim.profile}, beside the built-in ones. */
    Map<String, SimValues> simProfiles();

    /** One served model: which backend answers for it and that backend's settings. */
    interface Model {

        Backend backend();

        /** Used when backend is {@code sim}. */
        Sim sim();

        /** Required when backend is {@code openai}. */
        Optional<OpenAi> openai();

        /** Required when backend is {@code gguf}. */
        Optional<Gguf> gguf();
    }

    enum Backend {
        SIM,
        OPENAI,
        GGUF
    }

    /**
     * Simulator settings, every one optional: a model's own win over its profile's, which win over the
     * defaults (see {@link io.evalstream.worker.sim.SimProfile} for what each means).
     */
    interface SimValues {

        Optional<Double> accuracy();

        /** Accuracy per benchmark id; wins over category accuracy and {@link #accuracy()}. */
        Map<String, Double> benchmarkAccuracy();

        /** Accuracy per category name (e.g. {@code MATH}); wins over {@link #accuracy()}. */
        Map<String, Double> categoryAccuracy();

        Optional<Duration> latencyMedian();

        Optional<Double> latencySigma();

        Optional<Double> errorRate();

        /** Relative weight per error kind name (e.g. {@code RATE_LIMITED=3}); by default all SERVER_ERROR. */
        Map<String, Double> errorKinds();

        Optional<Double> noAnswerRate();

        Optional<Long> seed();
    }

    /** A simulated model: a named profile and overrides of any of its settings. */
    interface Sim extends SimValues {

        /** A built-in profile ({@code default}, {@code strong}, {@code medium}, {@code weak}, {@code flaky},
         *  {@code slow}) or one under {@code evalstream.worker.sim-profiles}. */
        Optional<String> profile();
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

    /** A local GGUF file run in-process by llama.cpp; see {@link io.evalstream.worker.gguf.GgufModelSpec}. */
    interface Gguf {

        /** The GGUF file. */
        String path();

        /** Sequences generated at once (llama.cpp slots), each on its own worker thread. */
        @WithDefault("2")
        int slots();

        /** llama.cpp compute threads for this model. */
        @WithDefault("2")
        int threads();

        /** Tokens per sequence, prompt included; capped at the context the model was trained on. */
        @WithDefault("512")
        int context();
    }
}
