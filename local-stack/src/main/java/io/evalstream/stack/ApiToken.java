package io.evalstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The API token of one local stack: 256 random bits, written to a file only its owner can read, which the
 * services read through {@code evalstream.auth.token-file} and clients through {@code EVALSTREAM_TOKEN}.
 *
 * @param value the token, to send as {@code Authorization: Bearer <value>}
 * @param file  where it is written (mode 0600)
 */
public record ApiToken(String value, Path file) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new random token, written to {@code file} with permissions {@code rw-------}. */
    static ApiToken create(Path file) {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        String value = "evs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            // Created with its final permissions, so it is never readable by others, not even for a moment.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stack's API token to " + file, e);
        }
        return new ApiToken(value, file);
    }

    /** The value of the {@code Authorization} header. */
    public String header() {
        return "Bearer " + value;
    }

    /** Hides the token if the record is ever printed or logged. */
    @Override
    public String toString() {
        return "ApiToken[file=" + file + "]";
    }
}
