package io.evalstream.worker.gguf;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A GGUF model's output head, read from the file: the final RMSNorm's weights and the output matrix (the token
 * embeddings when they are tied). de.kherud:llama 4.2.0 cannot return token probabilities (its JNI reads a
 * {@code probs} key the bundled llama.cpp no longer writes, and aborts the JVM), but it returns llama.cpp's final
 * hidden state through {@code embed()} with last-token pooling, L2-normalised. The head turns that back into
 * logits: the hidden state is {@code w ⊙ x̂} with {@code mean(x̂²) = m / (m + eps)}, 1 to within the RMSNorm
 * epsilon over the residual's mean square, so dividing by {@code w} and rescaling to unit RMS recovers it.
 * The output matrix may be F32, F16 or Q8_0 (dequantised once at load; the norm weights are F32 in every GGUF).
 * llama.cpp multiplies a Q8_0 head with activations rounded to Q8_0 as well, so a quantised model's
 * log-probabilities here differ from llama.cpp's own logits by that rounding, ~1e-2 nats per token.
 *
 * @param normWeight the final RMSNorm's weights ({@code output_norm.weight})
 * @param output     the output matrix, one row of {@code embedding} floats per vocabulary token
 */
record GgufHead(float[] normWeight, float[][] output) {

    /** @throws IllegalArgumentException when the file's output head is in another type (e.g. Q4_K) */
    static GgufHead read(Path path) throws IOException {
        GgufTensors tensors = GgufTensors.read(path);
        return new GgufHead(tensors.vector("output_norm.weight"),
                tensors.matrix(tensors.has("output.weight") ? "output.weight" : "token_embd.weight"));
    }

    int vocabulary() {
        return output.length;
    }

    /** Logits of every token from llama.cpp's L2-normalised final hidden state. */
    double[] logits(float[] normalized) {
        double sumSquares = 0;
        for (int i = 0; i < normalized.length; i++) {
            double unit = normalized[i] / normWeight[i];
            sumSquares += unit * unit;
        }
        double scale = 1 / Math.sqrt(sumSquares / normalized.length);
        double[] logits = new double[output.length];
        for (int token = 0; token < output.length; token++) {
            float[] row = output[token];
            double sum = 0;
            for (int i = 0; i < row.length; i++) {
                sum += row[i] * (normalized[i] * scale);
            }
            logits[token] = sum;
        }
        return logits;
    }

    /** Natural-log probability of each token: log-softmax of the logits. */
    static double[] logSoftmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (double logit : logits) {
            sum += Math.exp(logit - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - log;
        }
        return out;
    }
}
