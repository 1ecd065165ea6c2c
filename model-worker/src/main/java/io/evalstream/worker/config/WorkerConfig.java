package io.evalstream.worker.config;

import io.evalstream.worker.openai.OpenAiApi;
import io.quarkus.runtime.configuration.MemorySize;
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

    /**
     * A JSON price file (see {@link io.evalstream.contracts.PriceList}) shared with the prompt-producer, e.g. a
     * mounted ConfigMap; a model's own {@code price.*} settings win over its entry there.
     */
    Optional<String> priceFile();

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
        /** Overrides {@link WorkerConfig#requestTimeout()} (and {@code openai.request-timeout}) for this model. */
        Optional<Duration> requestTimeout();

        /** Concurrency and rate budgets of this model. */
        Limits limits();

        /** Retries of this model's failed calls. */
        Retry retry();

        /** The circuit breaker in front of this model's endpoint. */
        CircuitBreaker circuitBreaker();

        /** What this model's calls cost; without one (here or in the price file) its cost is unknown. */
        Optional<Price> price();
    }

    /** US dollars: per million tokens in and out, per request, by prompt length, and through the batch lane. */
    interface Price {

        double inputPerMillion();

        double outputPerMillion();

        /** Prompt tokens served from the provider's cache; input-per-million when unset. */
        Optional<Double> cachedInputPerMillion();

        @WithDefault("0")
        double perRequest();

        /** Higher prices for long prompts, by any name: a prompt above a tier's token count is billed at it. */
        Map<String, Tier> tiers();

        /** The batch lane's price; a batch call's cost is unknown without it. */
        Optional<BatchPrice> batch();
    }

    interface Tier {

        long abovePromptTokens();

        double inputPerMillion();

        double outputPerMillion();
    }

    interface BatchPrice {

        double inputPerMillion();

        double outputPerMillion();
    }

    /**
     * How much of a model this replica may use. Budgets are global: each replica takes its share of the tasks topic's
     * partitions of them, updated on every rebalance.
     */
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

        /**
         * Share of the answers (right or wrong) stated without the benchmark's answer phrase ("The answer is",
         * "The final answer is"), as real models slip out of a few-shot format now and then: a strict scorer finds
         * no answer in them, a flexible one still does. 0 by default.
         */
        @WithDefault("0")
        double formatSlipRate();
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

        /** How much of each response is read, after decompression, before the call is given up. */
        Caps caps();

        /** Serve this model through the provider's Batch API (the batch lane) instead of one call per task. */
        @WithDefault("false")
        boolean batch();

        /** How the batch lane makes and watches this model's batches (with {@code batch=true}). */
        Batching batching();
    }

    /** See {@link io.evalstream.worker.openai.batch.BatchSettings}. */
    interface Batching {

        @WithDefault("50000")
        int maxRequests();

        @WithDefault("200000000")
        long maxBytes();

        @WithDefault("60s")
        Duration maxWait();

        @WithDefault("30s")
        Duration pollInterval();

        @WithDefault("24h")
        String completionWindow();
    }

    /**
     * Size caps on what an OpenAI-compatible server sends back (see {@link io.evalstream.worker.openai.ReplyCaps}):
     * a response past one ends the task as a terminal MALFORMED_RESPONSE, not retried. Sizes take K, M, G suffixes.
     */
    interface Caps {

        /** Of a 4xx/5xx body: enough to quote the server's message. */
        @WithDefault("4K")
        MemorySize errorBody();

        /** Of a 2xx reply (whole or streamed), per token of the task's max_tokens. */
        @WithDefault("1024")
        int bytesPerToken();

        /** Of a 2xx reply, on top of the per-token share. */
        @WithDefault("64K")
        MemorySize replyAllowance();

        /** Of a 2xx reply, whatever max_tokens says. */
        @WithDefault("64M")
        MemorySize replyCeiling();

        /** Of one server-sent-event line. */
        @WithDefault("1M")
        MemorySize sseLine();
    }

    /** A local GGUF file run in-process by llama.cpp; see {@link io.evalstream.worker.gguf.GgufModelSpec}. */
    interface Gguf {

        /** The GGUF file. */
        String path();

        /**
         * Sequences generated at once (llama.cpp slots), each on its own worker thread. One by default: with
         * several, a prompt failing to tokenize in one slot was seen to change the text of a greedy generation in
         * another, and batch composition changes the numerics, so only one slot keeps greedy output identical
         * run after run.
         */
        @WithDefault("1")
        int slots();

        /** llama.cpp compute threads for this model. */
        @WithDefault("2")
        int threads();

        /** Tokens per sequence, prompt included; capped at the context the model was trained on. */
        @WithDefault("512")
        int context();
    }
}
