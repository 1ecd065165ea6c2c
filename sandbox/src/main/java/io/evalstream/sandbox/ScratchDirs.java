package io.evalstream.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Per-execution directories under the work root: created with the program in it, owned by the slot's uid,
 * mode 700, and deleted afterwards whatever happened, so the work root ends empty.
 */
final class ScratchDirs {

    private final Path workRoot;
    private final int owner;

    /** @param owner the JVM's uid, which must own the work root */
    ScratchDirs(Path workRoot, int owner) {
        this.workRoot = workRoot;
        this.owner = owner;
    }

    /**
     * Creates or checks the work root: only its owner may list or write it; others may traverse it, because the
     * slot uids must reach their own run directory (bwrap binds {@code main.py} as the slot uid). Run directory
     * names are random, so traversal reveals nothing.
     */
    void prepare() throws IOException {
        OwnedDirectory.prepare(workRoot, "rwx--x--x", owner);
    }

    Path create(Slot slot, String program) throws IOException {
        Path dir = Files.createTempDirectory(workRoot, "run-");
        Path file = dir.resolve(Commands.PROGRAM);
        // getBytes replaces unpaired surrogates instead of failing: Python then judges the text.
        Files.write(file, program.getBytes(StandardCharsets.UTF_8));
        if (slot.ownUid()) {
            for (Path path : new Path[] {dir, file}) {
                Files.setAttribute(path, "unix:uid", slot.uid());
                Files.setAttribute(path, "unix:gid", slot.uid());
            }
        }
        return dir;
    }

    /** Deletes without following symbolic links; makes directories writable first (a program may chmod them). */
    void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
