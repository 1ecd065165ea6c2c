package io.evalstream.worker.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A GGUF model's output head, read from the file: the final RMSNorm's weights and the output matrix (the token
 * embeddings when they are tied). de.kherud:llama 4.2.0 cannot return token probabilities (its JNI reads a
 * {@code probs} key the bundled llama.cpp no longer writes, and aborts the JVM), but it returns llama.cpp's final
 * hidden state through {@code embed()} with last-token pooling, L2-normalised. The head turns that back into
 * logits: the hidden state is {@code w ⊙ x̂} with {@code mean(x̂²) = m / (m + eps)}, 1 to within the RMSNorm
 * epsilon over the residual's mean square, so dividing by {@code w} and rescaling to unit RMS recovers it.
 * F32 heads only (all the tiny models in ../shared/models but the Q8_0 copy).
 *
 * @param normWeight the final RMSNorm's weights ({@code output_norm.weight})
 * @param output     the output matrix, one row of {@code embedding} floats per vocabulary token
 */
record GgufHead(float[] normWeight, float[][] output) {

    private static final int F32 = 0;

    /** @throws IllegalArgumentException when the file has no F32 output head (a quantised model) */
    static GgufHead read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
                    .order(ByteOrder.LITTLE_ENDIAN);
            return new Parser(file, path).head();
        }
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

    /** The tensor directory of a GGUF file, enough to find and read three F32 tensors. */
    private static final class Parser {

        private final ByteBuffer file;
        private final Path path;
        private final Map<String, long[]> tensors = new HashMap<>();
        private long alignment = 32;

        Parser(ByteBuffer file, Path path) {
            this.file = file;
            this.path = path;
        }

        GgufHead head() {
            file.position(8);
            long count = file.getLong();
            long pairs = file.getLong();
            for (long i = 0; i < pairs; i++) {
                String key = string();
                int type = file.getInt();
                if (key.equals("general.alignment") && type == 4) {
                    alignment = file.getInt() & 0xffffffffL;
                } else {
                    skip(type);
                }
            }
            for (long i = 0; i < count; i++) {
                String name = string();
                int dims = file.getInt();
                long[] info = new long[dims + 2];
                for (int d = 0; d < dims; d++) {
                    info[d] = file.getLong();
                }
                info[dims] = file.getInt();
                info[dims + 1] = file.getLong();
                tensors.put(name, info);
            }
            long data = (file.position() + alignment - 1) / alignment * alignment;
            float[] norm = vector("output_norm.weight", data);
            String out = tensors.containsKey("output.weight") ? "output.weight" : "token_embd.weight";
            return new GgufHead(norm, matrix(out, data));
        }

        private float[] vector(String name, long data) {
            long[] info = f32(name);
            return floats(data + info[2], (int) info[0]);
        }

        private float[][] matrix(String name, long data) {
            long[] info = f32(name);
            int columns = (int) info[0];
            int rows = (int) info[1];
            float[][] matrix = new float[rows][];
            for (int r = 0; r < rows; r++) {
                matrix[r] = floats(data + info[3] + 4L * r * columns, columns);
            }
            return matrix;
        }

        private long[] f32(String name) {
            long[] info = tensors.get(name);
            if (info == null) {
                throw new IllegalArgumentException(path + " has no tensor " + name);
            }
            if (info[info.length - 2] != F32) {
                throw new IllegalArgumentException(path + " stores " + name + " as GGML type " + info[info.length - 2]
                        + "; log-probabilities need an F32 output head");
            }
            return info;
        }

        private float[] floats(long offset, int n) {
            float[] values = new float[n];
            file.slice((int) offset, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }

        private String string() {
            byte[] bytes = new byte[(int) file.getLong()];
            file.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private void skip(int type) {
            switch (type) {
                case 0, 1, 7 -> file.position(file.position() + 1);
                case 2, 3 -> file.position(file.position() + 2);
                case 4, 5, 6 -> file.position(file.position() + 4);
                case 8 -> string();
                case 9 -> {
                    int element = file.getInt();
                    long n = file.getLong();
                    for (long i = 0; i < n; i++) {
                        skip(element);
                    }
                }
                case 10, 11, 12 -> file.position(file.position() + 8);
                default -> throw new IllegalArgumentException(path + ": unknown GGUF value type " + type);
            }
        }
    }
}
