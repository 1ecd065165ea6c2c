package io.evalstream.grader.judging.tools;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.evalstream.grader.judging.StoryJudge;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantized), run in-process by ONNX Runtime. The model and the runtime's
 * natives ship inside Maven artifacts, so nothing is downloaded. Thread-safe.
 */
public final class MiniLmEmbedder implements StoryJudge.Embedder {

    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }
}
