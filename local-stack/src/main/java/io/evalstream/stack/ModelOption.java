package io.evalstream.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A model the user brings to a local stack ({@code --model} or a models file), checked field by field but not yet
 * against this machine (see {@link OwnModels} for the environment variable and the files).
 *
 * @param name    the model id tasks carry and reports show
 * @param backend which worker backend answers for it
 * @param target  the API root URL (openai, without a trailing slash), the GGUF file (gguf) or the profile (sim)
 * @param openAi  how to call an openai model; {@link OpenAi#NONE} for the other backends
 * @param limits  the model's concurrency and rate budgets; unset ones keep the worker's defaults
 */
public record ModelOption(String name, Backend backend, String target, OpenAi openAi, Limits limits) {

    /** The worker backends a user can name; {@code sim} profiles are the worker's built-in ones. */
    public enum Backend {
        OPENAI, GGUF, SIM;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final List<String> SIM_PROFILES = List.of("default", "strong", "medium", "weak", "flaky", "slow");

    /** Where an openai model's bearer token comes from; never the token itself. */
    public sealed interface ApiKey {
        /** The server needs no key (a local Ollama, vLLM or llama.cpp server). */
        record None() implements ApiKey {
        }

        /** Read by the worker from its own environment. */
        record FromEnv(String variable) implements ApiKey {
        }

        /** Read by the worker from a file, once at start. */
        record FromFile(String path) implements ApiKey {
        }
    }

    /**
     * @param api         {@code chat} or {@code completions}
     * @param serverModel the model name sent to the server; null for the model id
     */
    public record OpenAi(String api, String serverModel, ApiKey key) {
        static final OpenAi NONE = new OpenAi("chat", null, new ApiKey.None());
    }

    /** Each limit is absent (empty) or positive. */
    public record Limits(OptionalLong concurrency, OptionalLong requestsPerMinute, OptionalLong tokensPerMinute) {
        static final Limits NONE = new Limits(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * The worker configuration that serves this model. The key itself is never in it: {@code key-env} becomes a
     * {@code ${VAR}} expression that the worker expands from its own environment, {@code key-file} the file's path.
     */
    public Map<String, String> workerProperties() {
        // A dot inside a map key must be quoted, or it reads as a deeper level of the configuration tree.
        String prefix = "evalstream.worker.models." + (name.contains(".") ? "\"" + name + "\"" : name) + ".";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(prefix + "backend", backend.key());
        switch (backend) {
            case OPENAI -> {
                properties.put(prefix + "openai.base-url", target);
                properties.put(prefix + "openai.api", openAi.api());
                if (openAi.serverModel() != null) {
                    properties.put(prefix + "openai.model", openAi.serverModel());
                }
                switch (openAi.key()) {
                    case ApiKey.None none -> { }
                    case ApiKey.FromEnv env -> properties.put(prefix + "openai.api-key", "${" + env.variable() + "}");
                    case ApiKey.FromFile file -> properties.put(prefix + "openai.api-key-file", file.path());
                }
            }
            case GGUF -> properties.put(prefix + "gguf.path", target);
            case SIM -> properties.put(prefix + "sim.profile", target);
        }
        limits.concurrency().ifPresent(n -> properties.put(prefix + "limits.max-concurrency", Long.toString(n)));
        limits.requestsPerMinute().ifPresent(n -> properties.put(prefix + "limits.requests-per-minute", Long.toString(n)));
        limits.tokensPerMinute().ifPresent(n -> properties.put(prefix + "limits.tokens-per-minute", Long.toString(n)));
        return properties;
    }

    /** REAL for a model that is called, SIMULATED for the simulator: what the demo's tables say. */
    public String kind() {
        return backend == Backend.SIM ? "SIMULATED" : "REAL";
    }

    /** e.g. {@code openai chat http://localhost:8000/v1, key from $OPENAI_API_KEY, 600 rpm}: no secret in it. */
    public String describe() {
        StringBuilder text = new StringBuilder(switch (backend) {
            case OPENAI -> "openai " + openAi.api() + " " + target
                    + (openAi.serverModel() == null ? "" : " as '" + openAi.serverModel() + "'")
                    + switch (openAi.key()) {
                        case ApiKey.None none -> ", no key";
                        case ApiKey.FromEnv env -> ", key from $" + env.variable();
                        case ApiKey.FromFile file -> ", key from file " + file.path();
                    };
            case GGUF -> "gguf " + target + ", run in-process by llama.cpp in every worker";
            case SIM -> "sim profile '" + target + "', no model is called";
        });
        limits.concurrency().ifPresent(n -> text.append(", at most ").append(n).append(" in flight"));
        limits.requestsPerMinute().ifPresent(n -> text.append(", ").append(n).append(" rpm"));
        limits.tokensPerMinute().ifPresent(n -> text.append(", ").append(n).append(" tpm"));
        return text.toString();
    }
}
