package io.evalstream.worker.gguf;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.CacheType;
import de.kherud.llama.args.PoolingType;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Loads GGUF models into this JVM, each spec once. llama.cpp's native memory is not given back by
 * {@code close()}, so a loaded model lives as long as the JVM and every backend for the same spec shares
 * it (the worker's beans and a test in the same JVM alike).
 */
public final class LlamaModels {

    /** The system property de.kherud:llama extracts its native library to. */
    static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";

    private static final Logger LOG = Logger.getLogger(LlamaModels.class);
    private static final Map<GgufModelSpec, LoadedModel> LOADED = new HashMap<>();
    private static final Map<GgufModelSpec, Scorer> SCORERS = new HashMap<>();

    private LlamaModels() {
    }

    /** A model ready to generate, with the context each of its slots really has. */
    public record LoadedModel(LlamaModel model, GgufFile file, int context) {
    }

    /** The loaded model for {@code spec}, loading it on first use. */
    public static synchronized LoadedModel load(GgufModelSpec spec) throws IOException {
        LoadedModel loaded = LOADED.get(spec);
        if (loaded == null) {
            loaded = loadNew(spec);
            LOADED.put(spec, loaded);
        }
        return loaded;
    }

    /**
     * What scores log-probabilities for {@code spec}, loaded on first use: a second copy of the model with
     * embeddings on and last-token pooling (its final hidden state), and the output head read from the file. Its
     * KV cache is F32, not llama.cpp's default F16, so the hidden state carries no half-precision rounding.
     */
    record Scorer(LlamaModel embedder, GgufHead head) {
    }

    /** @throws IllegalArgumentException when the model's output head is not F32 */
    static synchronized Scorer scorer(GgufModelSpec spec, int context) throws IOException {
        Scorer scorer = SCORERS.get(spec);
        if (scorer == null) {
            GgufHead head = GgufHead.read(spec.path());
            useOwnNativeDirectory();
            ModelParameters parameters = new ModelParameters().setModel(spec.path().toString())
                    .setThreads(spec.threads()).setThreadsBatch(spec.threads()).setCtxSize(context)
                    .setBatchSize(context).setUbatchSize(context).setCacheTypeK(CacheType.F32)
                    .setCacheTypeV(CacheType.F32).enableEmbedding()
                    .setPoolingType(PoolingType.LAST).disableLog();
            scorer = new Scorer(new LlamaModel(parameters), head);
            SCORERS.put(spec, scorer);
        }
        return scorer;
    }

    /** A second, separate copy of the model in memory: for tests that compare two loads. */
    static synchronized LoadedModel loadAnother(GgufModelSpec spec) throws IOException {
        return loadNew(spec);
    }

    private static LoadedModel loadNew(GgufModelSpec spec) throws IOException {
        GgufFile file = GgufFile.read(spec.path());
        int context = file.trainedContext() > 0 ? (int) Math.min(spec.context(), file.trainedContext())
                : spec.context();
        useOwnNativeDirectory();
        // llama.cpp splits its context evenly over the slots: ask for one full context per slot. Without
        // context shift a sequence that fills its context stops instead of silently dropping its start.
        ModelParameters parameters = new ModelParameters().setModel(spec.path().toString())
                .setThreads(spec.threads()).setThreadsBatch(spec.threads()).setParallel(spec.slots())
                .setCtxSize(context * spec.slots()).disableContextShift().disableLog();
        long start = System.nanoTime();
        LlamaModel model = new LlamaModel(parameters);
        LOG.infof("Loaded GGUF model %s (%s, trained context %d, using %d per slot, %d slots, %d threads) in %d ms",
                spec.path(), file.architecture(), file.trainedContext(), context, spec.slots(), spec.threads(),
                (System.nanoTime() - start) / 1_000_000);
        return new LoadedModel(model, file, context);
    }

    /**
     * The library's loader deletes every {@code llama*} file in its directory, by default
     * {@code java.io.tmpdir}: give it a directory of this process's own unless one is configured.
     */
    private static void useOwnNativeDirectory() throws IOException {
        if (System.getProperty(TMPDIR_PROPERTY) != null) {
            return;
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "evalstream-llama-" + ProcessHandle.current().pid());
        Files.createDirectories(dir);
        // The loader removes the library file once loaded; the empty directory goes at exit.
        new File(dir.toString()).deleteOnExit();
        System.setProperty(TMPDIR_PROPERTY, dir.toString());
    }
}
