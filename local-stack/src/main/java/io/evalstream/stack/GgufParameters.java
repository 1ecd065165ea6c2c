package io.evalstream.stack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A GGUF file's parameter count (the elements of all its tensors) and whether it is stored at full precision: the x
 * of the demo's scaling fit, read from the file rather than typed in. A quantised copy is scored like any model but
 * is no point of the scaling curve: it is a model already on it, at lower precision.
 *
 * @param parameters    the elements of every tensor
 * @param fullPrecision true when the output matrix (or the tied token embeddings) is stored as F32 or F16
 */
record GgufParameters(long parameters, boolean fullPrecision) {

    static GgufParameters read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
                    .order(ByteOrder.LITTLE_ENDIAN);
            file.position(8);
            long tensors = file.getLong();
            long pairs = file.getLong();
            for (long i = 0; i < pairs; i++) {
                skipString(file);
                skipValue(file, file.getInt());
            }
            long parameters = 0;
            int outputType = -1;
            int embeddingType = -1;
            for (long i = 0; i < tensors; i++) {
                String name = string(file);
                int dims = file.getInt();
                long elements = 1;
                for (int d = 0; d < dims; d++) {
                    elements *= file.getLong();
                }
                int type = file.getInt();
                file.getLong();
                parameters += elements;
                outputType = name.equals("output.weight") ? type : outputType;
                embeddingType = name.equals("token_embd.weight") ? type : embeddingType;
            }
            int headType = outputType >= 0 ? outputType : embeddingType;
            return new GgufParameters(parameters, headType == 0 || headType == 1);
        }
    }

    private static String string(ByteBuffer file) {
        byte[] bytes = new byte[(int) file.getLong()];
        file.get(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void skipString(ByteBuffer file) {
        long length = file.getLong();
        file.position(file.position() + (int) length);
    }

    private static void skipValue(ByteBuffer file, int type) {
        switch (type) {
            case 0, 1, 7 -> file.position(file.position() + 1);
            case 2, 3 -> file.position(file.position() + 2);
            case 4, 5, 6 -> file.position(file.position() + 4);
            case 8 -> skipString(file);
            case 9 -> {
                int element = file.getInt();
                long count = file.getLong();
                for (long i = 0; i < count; i++) {
                    skipValue(file, element);
                }
            }
            case 10, 11, 12 -> file.position(file.position() + 8);
            default -> throw new IllegalArgumentException("unknown GGUF value type " + type);
        }
    }
}
