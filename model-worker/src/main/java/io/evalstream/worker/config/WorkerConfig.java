package io.evalstream.worker.config;

import io.evalstream.worker.openai.OpenAiApi;
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

    /**
     * Worker replicas sharing the tasks (one consumer group): each takes this share of every model's global
     * rate budget.
     */
    @WithDefault("1")
    int replicas();

    /** The models this worker serves, keyed by model id (the modelId part of a task id). */
    Map<String, Model> models();

    /** One served model: which backend answers for it and that backend's settings. */
    interface Model {

        Backend backend();

        /** Used when backend is {@code sim}. */
        Sim sim();

        /** Required when backend is {@code openai}. */
        Optional<OpenAi> openai();

        /** Overrides {@link WorkerConfig#requestTimeout()} (and {@code openai.request-timeout}) for this model. */
        Optional<Duration> requestTimeout();

        /** Concurrency and rate budgets of this model. */
        Limits limits();

        /** Retries of this model's failed calls. */
        Retry retry();

        /** The circuit breaker in front of this model's endpoint. */
        CircuitBreaker circuitBreaker();
    }

    /** How much of a model this replica may use. Budgets are global: each replica takes 1/replicas of them. */
    interface Limits {

        /** Calls in flight to this model at once on this replica; defaults to max-in-flight. */
        Optional<Integer> maxConcurrency();

        /** Requests per minute over all replicas; unlimited when unset. */
        Optional<Long> requestsPerMinute();

        /** Prompt plus completion tokens per minute over all replicas; unlimited when unset. */
        Optional<Long> tokensPerMinute();
    }

    /** Retries with exponential backoff and jitter; a server's Retry-After is the shortest wait. */
    interface Retry {

        /** Calls per task, the first included (1 = no retry). */
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("500ms")
        Duration initialDelay();

        /** Longest backoff; a Retry-After longer than this ends the task instead. */
        @WithDefault("30s")
        Duration maxDelay();

        /** Each backoff varies by up to this fraction either way. */
        @WithDefault("0.2")
        double jitter();
    }

    /** Opens when too many of the last calls failed as unhealthy; open, tries wait for it to half-open. */
    interface CircuitBreaker {

        @WithDefault("0.5")
        double failureRatio();

        /** Calls in the rolling window the ratio is taken over. */
        @WithDefault("20")
        int requestVolume();

        /** How long the breaker stays open before one trial call. */
        @WithDefault("5s")
        Duration delay();
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

        /** Bearer token; set it from the environment ({@code ${MY_KEY}}), never in a file in the repository. */
        Optional<String> apiKey();

        /** A file holding the bearer token (a mounted secret), read once at startup; instead of api-key. */
        Optional<String> apiKeyFile();

        /** {@code chat} ({@code /chat/completions}) or {@code completions} ({@code /completions}). */
        @WithDefault("chat")
        OpenAiApi api();

        /** Ask for server-sent events (time to first token); off for servers that cannot stream. */
        @WithDefault("true")
        boolean stream();

        /** Overrides {@link WorkerConfig#requestTimeout()} for this model. */
        Optional<Duration> requestTimeout();
    }
}
