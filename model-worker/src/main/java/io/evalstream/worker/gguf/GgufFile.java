package io.evalstream.worker.gguf;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the worker needs from a GGUF file's metadata, read before llama.cpp sees the file: that it is a
 * GGUF file at all (llama.cpp's own failure says little), the context the model was trained on (a
 * larger one degrades its text), and its vocabulary, to name the characters of a prompt it cannot tokenize.
 *
 * @param architecture   {@code general.architecture}, e.g. {@code llama}
 * @param trainedContext {@code <architecture>.context_length}; 0 when the file does not say
 * @param tokenizer      {@code tokenizer.ggml.model}, e.g. {@code llama} (SentencePiece) or {@code gpt2} (byte BPE)
 * @param singleChars    the code points that are tokens on their own
 * @param byteFallback   true when the vocabulary has {@code <0xNN>} tokens, so any character can be encoded
 */
public record GgufFile(String architecture, long trainedContext, String tokenizer, Set<Integer> singleChars,
        boolean byteFallback) {

    private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    private static final long MAX_STRING_BYTES = 1 << 24;
    /** SentencePiece writes a space as this character. */
    private static final int SPM_SPACE = 0x2581;

    public GgufFile {
        singleChars = Set.copyOf(singleChars);
    }

    /** Reads the metadata; fails with a message fit for a startup error when the file is missing or not GGUF. */
    public static GgufFile read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file: " + path.toAbsolutePath());
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return new Reader(new DataInputStream(in)).read(path);
        } catch (EOFException e) {
            throw new IllegalArgumentException(path.toAbsolutePath() + " ends inside its GGUF header: truncated?", e);
        }
    }

    /**
     * The characters of {@code prompt} this vocabulary has no token for, described as {@code '(' U+0028};
     * empty when every character is covered or the tokenizer encodes any byte.
     */
    public List<String> unknownCharacters(String prompt) {
        if (byteFallback || !"llama".equals(tokenizer)) {
            return List.of();
        }
        Set<Integer> missing = new java.util.TreeSet<>();
        prompt.codePoints().map(c -> c == ' ' ? SPM_SPACE : c).filter(c -> !singleChars.contains(c))
                .forEach(missing::add);
        return missing.stream().map(GgufFile::describe).toList();
    }

    private static String describe(int codePoint) {
        String shown = switch (codePoint) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            default -> Character.toString(codePoint);
        };
        return "'" + shown + "' U+" + String.format(Locale.ROOT, "%04X", codePoint);
    }

    /** A little-endian walk over the header's key-value pairs, keeping the few this worker uses. */
    private static final class Reader {

        private final DataInputStream in;
        private final Map<String, Long> numbers = new HashMap<>();
        private final Map<String, String> strings = new HashMap<>();
        private final Set<Integer> singleChars = new HashSet<>();
        private boolean byteFallback;

        Reader(DataInputStream in) {
            this.in = in;
        }

        GgufFile read(Path path) throws IOException {
            if (Integer.reverseBytes(in.readInt()) != MAGIC) {
                throw new IllegalArgumentException(path.toAbsolutePath() + " is not a GGUF file (no GGUF magic)");
            }
            int version = Integer.reverseBytes(in.readInt());
            if (version < 2) {
                throw new IllegalArgumentException(path.toAbsolutePath() + " is GGUF version " + version
                        + "; llama.cpp reads version 2 and later");
            }
            u64(); // tensor count
            long pairs = u64();
            for (long i = 0; i < pairs; i++) {
                String key = string();
                value(key, Integer.reverseBytes(in.readInt()));
            }
            String architecture = strings.getOrDefault("general.architecture", "unknown");
            long context = numbers.getOrDefault(architecture + ".context_length", 0L);
            return new GgufFile(architecture, context, strings.getOrDefault("tokenizer.ggml.model", "unknown"),
                    singleChars, byteFallback);
        }

        private void value(String key, int type) throws IOException {
            switch (type) {
                case 0, 1, 7 -> in.skipNBytes(1);
                case 2, 3 -> in.skipNBytes(2);
                case 4, 5 -> numbers.put(key, (long) Integer.reverseBytes(in.readInt()));
                case 6 -> in.skipNBytes(4);
                case 8 -> strings.put(key, string());
                case 9 -> array(key);
                case 10, 11 -> numbers.put(key, u64());
                case 12 -> in.skipNBytes(8);
                default -> throw new IllegalArgumentException("unknown GGUF value type " + type + " at key " + key);
            }
        }

        private void array(String key) throws IOException {
            int type = Integer.reverseBytes(in.readInt());
            long count = u64();
            boolean tokens = key.equals("tokenizer.ggml.tokens") && type == 8;
            for (long i = 0; i < count; i++) {
                if (tokens) {
                    token(string());
                } else {
                    value(key, type);
                }
            }
            if (!tokens) {
                numbers.remove(key);
                strings.remove(key);
            }
        }

        private void token(String token) {
            if (token.codePointCount(0, token.length()) == 1) {
                singleChars.add(token.codePointAt(0));
            } else if (token.length() == 6 && token.startsWith("<0x") && token.endsWith(">")) {
                byteFallback = true;
            }
        }

        private long u64() throws IOException {
            return Long.reverseBytes(in.readLong());
        }

        private String string() throws IOException {
            long length = u64();
            if (length < 0 || length > MAX_STRING_BYTES) {
                throw new IllegalArgumentException("implausible GGUF string length " + length + ": corrupt header?");
            }
            return new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
        }
    }
}
