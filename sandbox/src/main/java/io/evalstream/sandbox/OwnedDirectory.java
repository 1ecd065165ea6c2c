package io.evalstream.sandbox;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A directory the sandbox keeps its own files in (the work root, the uid lock directory). Both usually live in a
 * world-writable sticky directory ({@code /tmp}, {@code /run/lock}) where anyone may create the name first: a
 * symbolic link there would make us chmod, lock or write files wherever it points, and a directory someone
 * else owns or may write could hold files they planted. Such a directory is refused, never repaired.
 */
final class OwnedDirectory {

    private static final Set<PosixFilePermission> WRITE_BY_OTHERS =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    /** What is at the path, read without following a link. */
    record Found(boolean symlink, boolean directory, int owner, Set<PosixFilePermission> permissions) {
        Found {
            permissions = permissions.isEmpty() ? Set.of() : EnumSet.copyOf(permissions);
        }
    }

    private OwnedDirectory() {
    }

    /**
     * Creates {@code dir} with {@code mode}, or checks the one already there and narrows its mode (a mode too
     * open for reading only, like 755 from an older version, is safe to tighten; one others could write is not).
     *
     * @throws IOException naming the directory and what is wrong with it
     */
    static Path prepare(Path dir, String mode, int owner) throws IOException {
        Files.createDirectories(dir.toAbsolutePath().getParent());
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(permissions));
        } catch (FileAlreadyExistsException e) {
            Optional<String> problem = problem(dir, read(dir), owner);
            if (problem.isPresent()) {
                throw new IOException(problem.get());
            }
        }
        // The umask may have narrowed the mode at creation; NOFOLLOW: chmod this directory, never a link's target.
        Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(permissions);
        return dir;
    }

    static Found read(Path dir) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return new Found(attributes.isSymbolicLink(), attributes.isDirectory(), uid, attributes.permissions());
    }

    /** Why an existing {@code dir} must not be used, if it must not. */
    static Optional<String> problem(Path dir, Found found, int owner) {
        if (found.symlink()) {
            return Optional.of(dir + " is a symbolic link; the sandbox refuses to keep its files where a link points: remove it");
        }
        if (!found.directory()) {
            return Optional.of(dir + " exists and is not a directory: remove it");
        }
        if (found.owner() != owner) {
            return Optional.of(dir + " is owned by uid " + found.owner() + ", not by uid " + owner
                    + " that runs the sandbox; someone else may control its files: remove it");
        }
        if (found.permissions().stream().anyMatch(WRITE_BY_OTHERS::contains)) {
            return Optional.of(dir + " has mode " + PosixFilePermissions.toString(found.permissions())
                    + ": others could have planted files in it; remove it");
        }
        return Optional.empty();
    }
}
