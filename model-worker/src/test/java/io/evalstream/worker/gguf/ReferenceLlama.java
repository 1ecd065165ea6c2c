package io.evalstream.worker.gguf;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A brute-force llama forward pass in plain Java over an F32 GGUF file's weights (after Karpathy's llama2.c, with
 * llama.cpp's adjacent-pair RoPE): the independent computation the gguf backend's log-probabilities are checked
 * against. Every position is recomputed from scratch; fine for tiny models and short texts.
 */
final class ReferenceLlama {

    private final GgufTensors weights;
    private final int dim;
    private final int heads;
    private final int kvHeads;
    private final int layers;
    private final double eps;
    private final double ropeBase;
    private final float[][] embeddings;
    private final float[][] output;

    ReferenceLlama(Path file) throws IOException {
        weights = GgufTensors.read(file);
        dim = (int) weights.number("llama.embedding_length", 0);
        heads = (int) weights.number("llama.attention.head_count", 0);
        kvHeads = (int) weights.number("llama.attention.head_count_kv", heads);
        layers = (int) weights.number("llama.block_count", 0);
        eps = weights.number("llama.attention.layer_norm_rms_epsilon", 1e-5);
        ropeBase = weights.number("llama.rope.freq_base", 10000);
        embeddings = weights.matrix("token_embd.weight");
        output = weights.has("output.weight") ? weights.matrix("output.weight") : embeddings;
    }

    /** Log-probabilities of the next token after {@code tokens} (BOS included by the caller). */
    double[] nextLogProbabilities(int[] tokens) {
        int headDim = dim / heads;
        int kvDim = kvHeads * headDim;
        int n = tokens.length;
        double[][] x = new double[n][];
        for (int t = 0; t < n; t++) {
            x[t] = toDouble(embeddings[tokens[t]]);
        }
        for (int l = 0; l < layers; l++) {
            String p = "blk." + l + ".";
            float[] attnNorm = weights.vector(p + "attn_norm.weight");
            float[][] wq = weights.matrix(p + "attn_q.weight");
            float[][] wk = weights.matrix(p + "attn_k.weight");
            float[][] wv = weights.matrix(p + "attn_v.weight");
            float[][] wo = weights.matrix(p + "attn_output.weight");
            double[][] q = new double[n][];
            double[][] k = new double[n][];
            double[][] v = new double[n][];
            for (int t = 0; t < n; t++) {
                double[] xb = rmsNorm(x[t], attnNorm);
                q[t] = rope(matmul(wq, xb), t, headDim);
                k[t] = rope(matmul(wk, xb), t, headDim);
                v[t] = matmul(wv, xb);
            }
            for (int t = 0; t < n; t++) {
                double[] attended = new double[dim];
                for (int h = 0; h < heads; h++) {
                    int kvh = h / (heads / kvHeads);
                    double[] scores = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s <= t; s++) {
                        double dot = 0;
                        for (int i = 0; i < headDim; i++) {
                            dot += q[t][h * headDim + i] * k[s][kvh * headDim + i];
                        }
                        scores[s] = dot / Math.sqrt(headDim);
                        max = Math.max(max, scores[s]);
                    }
                    double sum = 0;
                    for (int s = 0; s <= t; s++) {
                        scores[s] = Math.exp(scores[s] - max);
                        sum += scores[s];
                    }
                    for (int s = 0; s <= t; s++) {
                        for (int i = 0; i < headDim; i++) {
                            attended[h * headDim + i] += scores[s] / sum * v[s][kvh * headDim + i];
                        }
                    }
                }
                add(x[t], matmul(wo, attended));
            }
            float[] ffnNorm = weights.vector(p + "ffn_norm.weight");
            float[][] gate = weights.matrix(p + "ffn_gate.weight");
            float[][] up = weights.matrix(p + "ffn_up.weight");
            float[][] down = weights.matrix(p + "ffn_down.weight");
            for (int t = 0; t < n; t++) {
                double[] xb = rmsNorm(x[t], ffnNorm);
                double[] g = matmul(gate, xb);
                double[] u = matmul(up, xb);
                for (int i = 0; i < g.length; i++) {
                    g[i] = g[i] / (1 + Math.exp(-g[i])) * u[i];
                }
                add(x[t], matmul(down, g));
            }
        }
        double[] last = rmsNorm(x[n - 1], weights.vector("output_norm.weight"));
        return GgufHead.logSoftmax(matmul(output, last));
    }

    private double[] rope(double[] vector, int position, int headDim) {
        for (int start = 0; start < vector.length; start += headDim) {
            for (int i = 0; i < headDim; i += 2) {
                double theta = position * Math.pow(ropeBase, -(double) i / headDim);
                double a = vector[start + i];
                double b = vector[start + i + 1];
                vector[start + i] = a * Math.cos(theta) - b * Math.sin(theta);
                vector[start + i + 1] = a * Math.sin(theta) + b * Math.cos(theta);
            }
        }
        return vector;
    }

    private double[] rmsNorm(double[] x, float[] weight) {
        double sum = 0;
        for (double value : x) {
            sum += value * value;
        }
        double scale = 1 / Math.sqrt(sum / x.length + eps);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * scale * weight[i];
        }
        return out;
    }

    private static double[] matmul(float[][] w, double[] x) {
        double[] out = new double[w.length];
        for (int o = 0; o < w.length; o++) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += w[o][i] * x[i];
            }
            out[o] = sum;
        }
        return out;
    }

    private static void add(double[] x, double[] delta) {
        for (int i = 0; i < x.length; i++) {
            x[i] += delta[i];
        }
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
