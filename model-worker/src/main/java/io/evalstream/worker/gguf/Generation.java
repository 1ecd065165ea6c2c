package io.evalstream.worker.gguf;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One call of a loaded model, token by token on the calling thread: it measures the time to the first
 * token, counts the tokens, and turns llama.cpp's failures into classified {@link ModelCallException}s.
 */
final class Generation {

    /** llama.cpp's message when a sequence fills its context (context shift is off): the text ends there. */
    private static final String CONTEXT_FULL = "context shift is disabled";
    private static final String PROMPT_TOO_LONG = "exceeds the available context size";
    /** llama.cpp's tokenizer looked up a character the vocabulary lacks (std::unordered_map::at). */
    private static final String UNKNOWN_CHARACTER = "_Map_base::at";

    /**
     * One generation at a time in this JVM, across all models: generations of different models running at once
     * were seen to change each other's greedy text (llama.cpp shares native state between loaded models), and
     * reproducible output matters more than overlapping tiny models.
     */
    static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock(true);

    private final String modelId;
    private final LlamaModels.LoadedModel loaded;

    Generation(String modelId, LlamaModels.LoadedModel loaded) {
        this.modelId = modelId;
        this.loaded = loaded;
    }

    /** Generates the reply to {@code task} into {@code reply}; stops early once the caller has given up on it. */
    void run(PromptTask task, long startNanos, CompletableFuture<ModelReply> reply) {
        if (reply.isDone()) {
            return;
        }
        ONE_AT_A_TIME.lock();
        try {
            reply.complete(generate(task, startNanos, reply));
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
        } finally {
            ONE_AT_A_TIME.unlock();
        }
    }

    private ModelReply generate(PromptTask task, long startNanos, CompletableFuture<ModelReply> reply) {
        LlamaModel model = loaded.model();
        LlamaIterator tokens;
        try {
            // The request tokenizes the prompt or fails cleanly; model.encode() must not come first: on a
            // character outside the vocabulary it aborts the whole JVM (an uncaught native exception).
            tokens = model.generate(parameters(task.prompt(), task.settings())).iterator();
        } catch (RuntimeException e) {
            throw classify(e, task.prompt());
        }
        StringBuilder text = new StringBuilder();
        Long firstTokenMillis = null;
        int outputs = 0;
        boolean contextFull = false;
        try {
            while (tokens.hasNext()) {
                if (reply.isDone()) {
                    tokens.cancel();
                    return null;
                }
                LlamaOutput output = tokens.next();
                if (firstTokenMillis == null) {
                    firstTokenMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
                }
                text.append(output.text);
                outputs++;
            }
        } catch (RuntimeException e) {
            if (!isLlama(e) || !String.valueOf(e.getMessage()).contains(CONTEXT_FULL)) {
                throw classify(e, task.prompt());
            }
            contextFull = true;
        }
        // Each token comes as one output; a normal end adds a last one that only says "stop".
        int completionTokens = contextFull ? outputs : Math.max(0, outputs - 1);
        return new ModelReply(text.toString(), new TokenUsage(promptTokens(task.prompt()), completionTokens),
                firstTokenMillis);
    }

    static InferenceParameters parameters(String prompt, Settings settings) {
        InferenceParameters parameters = new InferenceParameters(prompt).setCachePrompt(false)
                .setNPredict(settings.maxTokens()).setSeed(seed(settings.seed()));
        if (settings.temperature() == 0) {
            // Greedy: always the most likely token, the same text every run.
            parameters.setTemperature(0).setTopK(1);
        } else {
            parameters.setTemperature((float) settings.temperature()).setTopP((float) settings.topP());
        }
        List<String> stop = settings.stop().stream().filter(s -> !s.isEmpty()).toList();
        if (!stop.isEmpty()) {
            parameters.setStopStrings(stop.toArray(String[]::new));
        }
        return parameters;
    }

    /** llama.cpp takes a 32-bit seed and reads -1 as "random": keep every seed a fixed non-negative one. */
    static int seed(long seed) {
        return (int) Math.floorMod(seed, (long) Integer.MAX_VALUE);
    }

    /** Only for a prompt llama.cpp has tokenized already (see {@link #generate}). */
    private long promptTokens(String prompt) {
        return loaded.model().encode(prompt).length;
    }

    RuntimeException classify(RuntimeException failure, String prompt) {
        if (!isLlama(failure)) {
            return failure;
        }
        String message = String.valueOf(failure.getMessage());
        if (message.contains(UNKNOWN_CHARACTER)) {
            List<String> unknown = loaded.file().unknownCharacters(prompt);
            return new ModelCallException(ErrorKind.BAD_INPUT, "model '" + modelId + "' cannot tokenize the prompt: "
                    + (unknown.isEmpty() ? "it likely holds a character outside the model's vocabulary"
                            : "characters outside the model's vocabulary: " + String.join(", ", unknown))
                    + " (llama.cpp: " + UNKNOWN_CHARACTER + ")");
        }
        if (message.contains(PROMPT_TOO_LONG)) {
            return new ModelCallException(ErrorKind.BAD_INPUT, "prompt of " + promptTokens(prompt)
                    + " tokens does not fit the context of model '" + modelId + "' (" + loaded.context()
                    + " tokens per sequence, prompt and completion together)");
        }
        return new ModelCallException(ErrorKind.SERVER_ERROR, "llama.cpp failed on model '" + modelId + "': "
                + message);
    }

    /** The library's exception type is not public. */
    private static boolean isLlama(RuntimeException e) {
        return e.getClass().getName().equals("de.kherud.llama.LlamaException");
    }
}
