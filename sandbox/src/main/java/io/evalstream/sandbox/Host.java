package io.evalstream.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Facts about this machine, gathered once when a sandbox starts.
 *
 * @param uid         the JVM's effective uid
 * @param rootEntries top-level directories that hold binaries and libraries outside /usr
 */
record Host(int uid, Path sh, Path setpriv, Path prlimit, List<RootEntry> rootEntries) {

    private static final List<String> SYSTEM_DIRS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    /**
     * A top-level system directory: on a merged-/usr system a symlink into /usr (recreated as the same
     * symlink in the sandbox), otherwise a real directory (bound read-only).
     */
    record RootEntry(String path, Optional<String> symlinkTarget) {
    }

    Host {
        rootEntries = List.copyOf(rootEntries);
    }

    boolean root() {
        return uid == 0;
    }

    /** Fails with a message naming what is missing. */
    static Host detect() throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        return new Host(uid, Executables.require("sh"), Executables.require("setpriv"), Executables.require("prlimit"),
                systemDirs());
    }

    private static List<RootEntry> systemDirs() throws IOException {
        List<RootEntry> entries = new ArrayList<>();
        for (String dir : SYSTEM_DIRS) {
            Path path = Path.of(dir);
            if (Files.isSymbolicLink(path)) {
                entries.add(new RootEntry(dir, Optional.of(Files.readSymbolicLink(path).toString())));
            } else if (Files.isDirectory(path)) {
                entries.add(new RootEntry(dir, Optional.empty()));
            }
        }
        return entries;
    }
}
