package io.evalstream.worker.gguf;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.backend.ModelBackend;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local GGUF model run in-process by llama.cpp. Generation blocks in native code, so each call runs
 * on one of the model's own platform threads, one per llama.cpp slot, never on the caller's (an event
 * loop); llama.cpp batches the slots' sequences together. Tasks beyond the slots wait in a queue.
 */
public final class GgufBackend implements ModelBackend {

    public static final String KIND = "gguf";

    /** Far above any max-in-flight: a full queue means a runaway producer, answered as RATE_LIMITED. */
    private static final int MAX_QUEUED = 100_000;

    private final String modelId;
    private final Generation generation;
    private final Likelihoods likelihoods;
    private final ThreadPoolExecutor executor;

    private GgufBackend(String modelId, LlamaModels.LoadedModel loaded, GgufModelSpec spec, int slots) {
        this.modelId = modelId;
        this.generation = new Generation(modelId, loaded);
        this.likelihoods = new Likelihoods(modelId, loaded, spec);
        this.executor = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED), threads(modelId));
    }

    /**
     * Loads (or reuses) the model of {@code spec}.
     *
     * @throws IllegalArgumentException when the file is missing or not a GGUF model llama.cpp can load
     */
    public static GgufBackend load(String modelId, GgufModelSpec spec) {
        try {
            return new GgufBackend(modelId, LlamaModels.load(spec), spec, spec.slots());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + spec.path() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("llama.cpp cannot load " + spec.path() + ": " + e.getMessage(), e);
        }
    }

    /** A backend on an already loaded model. */
    static GgufBackend of(String modelId, LlamaModels.LoadedModel loaded, GgufModelSpec spec, int slots) {
        return new GgufBackend(modelId, loaded, spec, slots);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<ModelReply> complete(PromptTask task) {
        long startNanos = System.nanoTime();
        CompletableFuture<ModelReply> reply = new CompletableFuture<>();
        try {
            if (task.byLikelihood()) {
                likelihoods.checkVocabulary(task);
                executor.execute(() -> likelihoods.run(task, reply));
            } else {
                executor.execute(() -> generation.run(task, startNanos, reply));
            }
        } catch (ModelCallException e) {
            reply.completeExceptionally(e);
        } catch (RejectedExecutionException e) {
            reply.completeExceptionally(new ModelCallException(ErrorKind.RATE_LIMITED, "gguf model '" + modelId
                    + "' has " + executor.getQueue().size() + " calls waiting; not accepting more"));
        }
        return reply;
    }

    /** Stops taking calls; the model itself stays loaded for the JVM's lifetime (see {@link LlamaModels}). */
    @Override
    public void close() {
        executor.shutdown();
    }

    private static ThreadFactory threads(String modelId) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "gguf-" + modelId + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
