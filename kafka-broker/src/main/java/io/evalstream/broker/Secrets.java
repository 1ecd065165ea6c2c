package io.evalstream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Set;

/** Random passwords, and files only their owner may read. */
final class Secrets {

    // Letters and digits only: a password goes into JAAS strings, StorageTool's --add-scram syntax, argument files
    // and Quarkus properties (where "${" starts an expression), and none of them needs escaping then.
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private Secrets() {
    }

    /** 32 letters and digits, about 190 bits. */
    static String password() {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** Writes {@code content} to {@code file}, mode 0600 where POSIX permissions exist, before any byte is in it. */
    static void write(Path file, String content) {
        try {
            if (POSIX && Files.exists(file)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            FileAttribute<?>[] attributes = POSIX
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), attributes)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Makes an existing file readable by its owner only, where POSIX permissions exist. */
    static void ownerOnly(Path file) {
        if (POSIX) {
            try {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make " + file + " readable by its owner only", e);
            }
        }
    }

    /** Creates {@code dir} (mode 0700 where POSIX permissions exist), so nothing put in it is readable by others. */
    static void privateDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (POSIX) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
