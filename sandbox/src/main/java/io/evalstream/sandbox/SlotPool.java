package io.evalstream.sandbox;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The execution slots: at most one program per slot at a time.
 *
 * <p>As root every slot claims an otherwise unused uid from {@value #FIRST_UID}..{@value #LAST_UID}, because
 * RLIMIT_NPROC counts processes per real uid system-wide and is not enforced for root. Several JVMs (the grader,
 * a test run) may run sandboxes on one machine at once, so a uid is claimed with an exclusive lock on
 * {@code uid-N.lock} in a shared lock directory; the kernel drops the lock when its JVM dies. Lock files are
 * never deleted: deleting a locked file would let a second JVM lock a new file of the same name.
 */
final class SlotPool implements AutoCloseable {

    static final int FIRST_UID = 61000;
    static final int LAST_UID = FIRST_UID + SandboxConfig.MAX_SLOTS - 1;
    private static final System.Logger LOG = System.getLogger(SlotPool.class.getName());

    private final List<Slot> slots;
    private final List<FileChannel> locks;
    private final BlockingQueue<Slot> free;

    private SlotPool(List<Slot> slots, List<FileChannel> locks) {
        this.slots = List.copyOf(slots);
        this.locks = List.copyOf(locks);
        this.free = new ArrayBlockingQueue<>(slots.size(), true, slots);
    }

    static SlotPool claim(int count, Host host) throws IOException {
        if (!host.root()) {
            List<Slot> shared = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                shared.add(new Slot(i, host.uid(), false));
            }
            return new SlotPool(shared, List.of());
        }
        return claimUids(count, lockDirectory(host.uid()));
    }

    private static SlotPool claimUids(int count, Path lockDir) throws IOException {
        Set<Integer> taken = idsInUse();
        List<Slot> slots = new ArrayList<>();
        List<FileChannel> locks = new ArrayList<>();
        for (int uid = FIRST_UID; uid <= LAST_UID && slots.size() < count; uid++) {
            if (!taken.contains(uid)) {
                FileChannel lock = tryLock(lockDir.resolve("uid-" + uid + ".lock"));
                if (lock != null && inUse(uid)) {
                    closeQuietly(lock);
                } else if (lock != null) {
                    slots.add(new Slot(slots.size(), uid, true));
                    locks.add(lock);
                }
            }
        }
        if (slots.size() < count) {
            locks.forEach(SlotPool::closeQuietly);
            throw new IOException("only " + slots.size() + " of " + count + " sandbox uids in " + FIRST_UID + ".."
                    + LAST_UID + " are free (locks in " + lockDir + ")");
        }
        return new SlotPool(slots, locks);
    }

    /**
     * Processes under a uid whose lock is free belong to someone who ignores the locks (or are zombies of a dead
     * owner): the uid is skipped, not swept, since they are not ours to kill.
     */
    private static boolean inUse(int uid) {
        boolean used = ProcessTable.nprocCharge(uid) > 0;
        if (used) {
            LOG.log(Level.DEBUG, "sandbox uid {0} skipped: processes run as it", uid);
        }
        return used;
    }

    /** The locked file's channel, or null when another sandbox holds the lock. */
    static FileChannel tryLock(Path file) throws IOException {
        // NOFOLLOW: a link planted under the lock file's name must not make us create or lock a file elsewhere.
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // another sandbox in this JVM holds it
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        return channel;
    }

    /** Shared by every sandbox JVM of this uid on the machine; only that uid may list or write it. */
    private static Path lockDirectory(int owner) throws IOException {
        Path runLock = Path.of("/run/lock");
        Path base = Files.isDirectory(runLock) && Files.isWritable(runLock) ? runLock : Path.of(System.getProperty("java.io.tmpdir"));
        return OwnedDirectory.prepare(base.resolve("evalstream-sandbox"), "rwx------", owner);
    }

    /** A uid or gid already known to the system would give the program that account's files. */
    private static Set<Integer> idsInUse() throws IOException {
        Set<Integer> ids = new HashSet<>();
        for (Path file : List.of(Path.of("/etc/passwd"), Path.of("/etc/group"))) {
            if (Files.isReadable(file)) {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.split(":");
                    if (fields.length > 2 && fields[2].matches("\\d{1,9}")) {
                        ids.add(Integer.parseInt(fields[2]));
                    }
                }
            }
        }
        return ids;
    }

    List<Slot> slots() {
        return slots;
    }

    Slot acquire() throws InterruptedException {
        return free.take();
    }

    void release(Slot slot) {
        free.add(slot);
    }

    /**
     * Waits up to {@code timeout} for running executions to finish, then gives the uids back. The slots return to
     * the queue afterwards only to wake callers still waiting for one; the {@link Sandbox} refuses to run in them.
     */
    void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Slot> drained = new ArrayList<>();
        try {
            while (drained.size() < slots.size()) {
                Slot slot = free.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (slot == null) {
                    LOG.log(Level.WARNING, "closing the sandbox while executions still run");
                    break;
                }
                drained.add(slot);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        locks.forEach(SlotPool::closeQuietly);
        free.addAll(drained);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot release sandbox uid lock: {0}", e.getMessage());
        }
    }
}
