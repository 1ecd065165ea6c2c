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
 * The tensor directory and numeric metadata of a GGUF file, mapped read-only: enough to read F32 tensors by name,
 * and F16 or Q8_0 matrices dequantised to floats (ggml's {@code dequantize_row_f16} and {@code dequantize_row_q8_0}).
 */
final class GgufTensors {

    private static final int F32 = 0;
    private static final int F16 = 1;
    /** ggml's block_q8_0: an F16 scale, then 32 signed bytes; element i is scale * byte i. */
    private static final int Q8_0 = 8;
    private static final int Q8_0_BLOCK = 32;

    private final ByteBuffer file;
    private final Path path;
    private final Map<String, long[]> tensors = new HashMap<>();
    private final Map<String, Double> numbers = new HashMap<>();
    private long alignment = 32;
    private long data;

    private GgufTensors(ByteBuffer file, Path path) {
        this.file = file;
        this.path = path;
    }

    static GgufTensors read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            GgufTensors tensors = new GgufTensors(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
                    .order(ByteOrder.LITTLE_ENDIAN), path);
            tensors.index();
            return tensors;
        }
    }

    boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** A numeric metadata value, e.g. {@code llama.attention.head_count}; {@code fallback} when absent. */
    double number(String key, double fallback) {
        return numbers.getOrDefault(key, fallback);
    }

    /** An F32 tensor's elements in file order (ggml's first dimension varies fastest). */
    float[] vector(String name) {
        long[] info = typed(name, F32);
        long elements = 1;
        for (int d = 0; d < info.length - 2; d++) {
            elements *= info[d];
        }
        return floats(data + info[info.length - 1], (int) elements);
    }

    /**
     * An F32, F16 or Q8_0 matrix as float rows of its first dimension: {@code [out][in]} for a weight applied as
     * {@code W x}.
     */
    float[][] matrix(String name) {
        long[] info = typed(name, F32, F16, Q8_0);
        int type = (int) info[info.length - 2];
        int columns = (int) info[0];
        int rows = (int) info[1];
        if (type == Q8_0 && columns % Q8_0_BLOCK != 0) {
            throw new IllegalArgumentException(path + ": Q8_0 tensor " + name + " has rows of " + columns
                    + " elements, not a multiple of " + Q8_0_BLOCK);
        }
        long rowBytes = switch (type) {
            case F32 -> 4L * columns;
            case F16 -> 2L * columns;
            default -> (long) columns / Q8_0_BLOCK * (2 + Q8_0_BLOCK);
        };
        long start = data + info[info.length - 1];
        float[][] matrix = new float[rows][];
        for (int r = 0; r < rows; r++) {
            long offset = start + r * rowBytes;
            matrix[r] = switch (type) {
                case F32 -> floats(offset, columns);
                case F16 -> halves(offset, columns);
                default -> q80(offset, columns);
            };
        }
        return matrix;
    }

    private long[] typed(String name, int... types) {
        long[] info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException(path + " has no tensor " + name);
        }
        long type = info[info.length - 2];
        for (int allowed : types) {
            if (type == allowed) {
                return info;
            }
        }
        throw new IllegalArgumentException(path + " stores " + name + " as GGML type " + type + "; log-probabilities"
                + " are read from an output head stored as " + (types.length == 1 ? "F32" : "F32, F16 or Q8_0"));
    }

    private void index() {
        file.position(8);
        long count = file.getLong();
        long pairs = file.getLong();
        for (long i = 0; i < pairs; i++) {
            String key = string();
            int type = file.getInt();
            switch (type) {
                case 4 -> put(key, file.getInt() & 0xffffffffL);
                case 5 -> put(key, file.getInt());
                case 6 -> put(key, file.getFloat());
                case 10, 11 -> put(key, file.getLong());
                default -> skip(type);
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
        alignment = (long) number("general.alignment", 32);
        data = (file.position() + alignment - 1) / alignment * alignment;
    }

    private void put(String key, double value) {
        numbers.put(key, value);
    }

    private float[] floats(long offset, int n) {
        float[] values = new float[n];
        file.slice((int) offset, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private float[] halves(long offset, int n) {
        float[] values = new float[n];
        ByteBuffer bytes = file.slice((int) offset, 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            values[i] = Float.float16ToFloat(bytes.getShort());
        }
        return values;
    }

    private float[] q80(long offset, int n) {
        float[] values = new float[n];
        ByteBuffer bytes = file.slice((int) offset, n / Q8_0_BLOCK * (2 + Q8_0_BLOCK)).order(ByteOrder.LITTLE_ENDIAN);
        for (int block = 0; block < n / Q8_0_BLOCK; block++) {
            float scale = Float.float16ToFloat(bytes.getShort());
            for (int i = 0; i < Q8_0_BLOCK; i++) {
                values[block * Q8_0_BLOCK + i] = scale * bytes.get();
            }
        }
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
