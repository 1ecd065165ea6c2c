package io.evalstream.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The host's processes, read from /proc: who runs as a uid, and killing them all. */
final class ProcessTable {

    private static final Path PROC = Path.of("/proc");
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(5);

    private ProcessTable() {
    }

    /** Live (not zombie) processes whose real uid is {@code uid}. */
    static List<Long> pidsOf(int uid) {
        List<Long> pids = new ArrayList<>();
        forEachProcess(uid, (pid, threads, zombie) -> {
            if (!zombie) {
                pids.add(pid);
            }
        });
        return pids;
    }

    /**
     * What RLIMIT_NPROC already counts for {@code uid}: every thread of its processes, zombies included, since a
     * task is charged until its parent reaps it.
     */
    static int nprocCharge(int uid) {
        int[] total = {0};
        forEachProcess(uid, (pid, threads, zombie) -> total[0] += Math.max(1, threads));
        return total[0];
    }

    /**
     * Kills every process of {@code uid} and rescans until none is left, since a dying fork bomb may still
     * fork between a scan and the kill.
     *
     * @return the pids still alive at the deadline (empty on success)
     */
    static List<Long> killAll(int uid) {
        long deadline = System.nanoTime() + KILL_DEADLINE.toNanos();
        List<Long> alive = pidsOf(uid);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            alive = pidsOf(uid);
        }
        return alive;
    }

    private interface ProcessVisitor {
        void visit(long pid, int threads, boolean zombie);
    }

    private static void forEachProcess(int uid, ProcessVisitor visitor) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, entry -> isPid(entry.getFileName().toString()))) {
            for (Path dir : dirs) {
                visitIfOwned(dir, uid, visitor);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc to find processes of uid " + uid, e);
        }
    }

    private static void visitIfOwned(Path dir, int uid, ProcessVisitor visitor) {
        List<String> status;
        try {
            status = Files.readAllLines(dir.resolve("status"));
        } catch (IOException e) {
            return; // the process ended while we looked
        }
        String state = field(status, "State:");
        String uids = field(status, "Uid:");
        if (!uids.isEmpty() && Integer.parseInt(uids.split("\\s+")[0]) == uid) {
            String threads = field(status, "Threads:");
            visitor.visit(Long.parseLong(dir.getFileName().toString()), threads.isEmpty() ? 1 : Integer.parseInt(threads),
                    state.startsWith("Z") || state.startsWith("X"));
        }
    }

    private static String field(List<String> status, String name) {
        for (String line : status) {
            if (line.startsWith(name)) {
                return line.substring(name.length()).strip();
            }
        }
        return "";
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
