package io.evalstream.worker;

import io.evalstream.stub.OpenAiStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a local OpenAI-compatible stub and adds four models served by the openai backend against it:
 * {@value #MODEL} (chat, streamed, key from config), {@value #TEXT_MODEL} (completions, not streamed, key
 * from a secret file), {@value #BREAKER_MODEL} (a breaker that opens quickly) and {@value #LIMITED_MODEL}
 * (600 requests per minute), and {@value #HELD_MODEL} (no retries, a two-minute timeout: for calls the stub holds at
 * a gate while a test counts them), and {@value #BATCH_MODEL} (the batch lane: batches sent 500 ms after their first task,
 * polled every 100 ms). Retries are fast and timeouts short so fault tests finish in seconds.
 */
public final class StubOpenAiResource implements QuarkusTestResourceLifecycleManager {

    public static final String MODEL = "stub-gpt";
    public static final String TEXT_MODEL = "stub-text";
    public static final String BREAKER_MODEL = "stub-breaker";
    public static final String LIMITED_MODEL = "stub-limited";
    public static final String HELD_MODEL = "stub-held";
    public static final String BATCH_MODEL = "stub-batch";
    public static final String SECRET = "sk-test-0123456789abcdef";
    public static final int LIMITED_PER_MINUTE = 600;
    /** {@value #MODEL}'s price in US dollars per million tokens (GPT-4o's list price); the other models have none. */
    public static final double INPUT_PER_MILLION = 2.5;
    public static final double OUTPUT_PER_MILLION = 10.0;

    private static OpenAiStub stub;

    /** The running stub, for tests that count what it saw. */
    public static OpenAiStub stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        stub = OpenAiStub.start();
        Map<String, String> config = new HashMap<>();
        model(config, MODEL, "openai.api-key", SECRET);
        config.put(key(MODEL, "price.input-per-million"), Double.toString(INPUT_PER_MILLION));
        config.put(key(MODEL, "price.output-per-million"), Double.toString(OUTPUT_PER_MILLION));
        // Short SSE lines, so an endless line meets the line cap, not the stream's: FloodTest proves both caps.
        config.put(key(MODEL, "openai.caps.sse-line"), "64K");
        model(config, TEXT_MODEL, "openai.api-key-file", secretFile().toString());
        config.put(key(TEXT_MODEL, "openai.api"), "completions");
        config.put(key(TEXT_MODEL, "openai.stream"), "false");
        model(config, BREAKER_MODEL, "openai.api-key", SECRET);
        config.put(key(BREAKER_MODEL, "circuit-breaker.request-volume"), "6");
        config.put(key(BREAKER_MODEL, "circuit-breaker.failure-ratio"), "0.5");
        config.put(key(BREAKER_MODEL, "circuit-breaker.delay"), "2s");
        model(config, LIMITED_MODEL, "openai.api-key", SECRET);
        config.put(key(LIMITED_MODEL, "limits.requests-per-minute"), Integer.toString(LIMITED_PER_MINUTE));
        model(config, HELD_MODEL, "openai.api-key", SECRET);
        config.put(key(HELD_MODEL, "request-timeout"), "120s");
        config.put(key(HELD_MODEL, "retry.max-attempts"), "1");
        model(config, BATCH_MODEL, "openai.api-key", SECRET);
        config.put(key(BATCH_MODEL, "openai.batch"), "true");
        config.put(key(BATCH_MODEL, "openai.batching.max-wait"), "500ms");
        config.put(key(BATCH_MODEL, "openai.batching.poll-interval"), "100ms");
        return config;
    }

    private static void model(Map<String, String> config, String model, String keySetting, String keyValue) {
        config.put(key(model, "backend"), "openai");
        config.put(key(model, "openai.base-url"), stub.baseUrl());
        config.put(key(model, "openai.model"), "stub-upstream");
        config.put(key(model, keySetting), keyValue);
        config.put(key(model, "request-timeout"), "1s");
        config.put(key(model, "retry.max-attempts"), "3");
        config.put(key(model, "retry.initial-delay"), "50ms");
        config.put(key(model, "retry.max-delay"), "5s");
        // Fault tests mix failing and healthy prompts on one model: its breaker must not open under them.
        config.put(key(model, "circuit-breaker.request-volume"), "1000");
        config.put(key(model, "circuit-breaker.failure-ratio"), "1");
    }

    private static String key(String model, String setting) {
        return "evalstream.worker.models." + model + "." + setting;
    }

    private static Path secretFile() {
        try {
            Path file = Files.createTempFile("openai-key", ".secret");
            Files.writeString(file, "  " + SECRET + "\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
