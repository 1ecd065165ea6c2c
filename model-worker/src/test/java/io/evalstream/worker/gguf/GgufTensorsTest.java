package io.evalstream.worker.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matrices decoded from small GGUF files written here byte by byte, in the layouts of ggml's F16 and Q8_0. */
class GgufTensorsTest {

    @TempDir
    Path dir;

    @Test
    void anF16MatrixIsReadAsFloatRows() throws IOException {
        float[] values = {1f, -2f, 0.5f, 65504f, 0f, -0.25f};
        ByteBuffer data = little(2 * values.length);
        for (float value : values) {
            data.putShort(Float.floatToFloat16(value));
        }

        float[][] matrix = GgufTensors.read(file("w", 1, new long[] {3, 2}, data)).matrix("w");

        assertThat(matrix).isDeepEqualTo(new float[][] {{1f, -2f, 0.5f}, {65504f, 0f, -0.25f}});
    }

    /** Two rows of one block each: every element is its block's F16 scale times its signed byte. */
    @Test
    void aQ80MatrixIsItsScaleTimesEachSignedByte() throws IOException {
        ByteBuffer data = little(2 * 34);
        float[][] expected = new float[2][32];
        float[] scales = {0.5f, -0.125f};
        for (int row = 0; row < 2; row++) {
            data.putShort(Float.floatToFloat16(scales[row]));
            for (int i = 0; i < 32; i++) {
                byte quant = (byte) (i * 8 - 128);
                data.put(quant);
                expected[row][i] = scales[row] * quant;
            }
        }

        float[][] matrix = GgufTensors.read(file("w", 8, new long[] {32, 2}, data)).matrix("w");

        assertThat(matrix).isDeepEqualTo(expected);
    }

    @Test
    void anotherQuantisationIsRefusedByName() throws IOException {
        Path file = file("output.weight", 12, new long[] {256, 1}, little(144));

        assertThatThrownBy(() -> GgufTensors.read(file).matrix("output.weight"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stores output.weight as GGML type 12")
                .hasMessageContaining("F32, F16 or Q8_0");
    }

    private static ByteBuffer little(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A GGUF v3 file with no metadata and one tensor of the given GGML type at data offset 0. */
    private Path file(String name, int type, long[] dims, ByteBuffer data) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        int header = 4 + 4 + 8 + 8 + 8 + nameBytes.length + 4 + 8 * dims.length + 4 + 8;
        int start = (header + 31) / 32 * 32;
        ByteBuffer out = little(start + data.capacity());
        out.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(1).putLong(0);
        out.putLong(nameBytes.length).put(nameBytes).putInt(dims.length);
        for (long dim : dims) {
            out.putLong(dim);
        }
        out.putInt(type).putLong(0);
        out.position(start);
        out.put(data.array());
        Path file = dir.resolve(name + ".gguf");
        Files.write(file, out.array());
        return file;
    }
}
