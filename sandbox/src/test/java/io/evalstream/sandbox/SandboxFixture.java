package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Real sandboxes for tests, and the checks every test ends with: nothing left on disk, nothing left running. */
final class SandboxFixture {

    /**
     * Short limits so the attack suite stays fast. The total has room for all 16 processes, so that without a
     * cgroup the process budget does not cut the count these tests fork and thread with.
     */
    static final SandboxLimits FAST = new SandboxLimits(Duration.ofSeconds(1), Duration.ofSeconds(2), 256L << 20, 16,
            64L << 10, 1L << 20, 16 * (256L << 20) + 2 * (4L << 20));

    private SandboxFixture() {
    }

    static SandboxConfig config(Path workRoot, int slots, SandboxLimits limits) {
        return SandboxConfig.defaults().withWorkRoot(workRoot).withSlots(slots).withLimits(limits);
    }

    /** CI installs bubblewrap: a machine where it cannot run fails here, loudly, instead of skipping. */
    static Sandbox startBubblewrap(SandboxConfig config) {
        Sandbox sandbox = Sandbox.start(config);
        assertThat(sandbox.isolation())
                .as("bubblewrap must work on this machine (apt-get install -y --no-install-recommends bubblewrap): %s",
                        sandbox.describe())
                .isEqualTo(Isolation.BUBBLEWRAP);
        return sandbox;
    }

    static void assertNothingLeft(Sandbox sandbox, Path workRoot) throws IOException {
        try (Stream<Path> left = Files.list(workRoot)) {
            assertThat(left).as("scratch directories left in %s", workRoot).isEmpty();
        }
        for (int uid : sandbox.slotUids()) {
            assertThat(livePidsOf(uid)).as("processes still running as slot uid %d", uid).isEmpty();
        }
    }

    /** Read from /proc independently of the code under test. */
    static List<Long> livePidsOf(int uid) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : dirs) {
                List<String> status;
                try {
                    status = Files.readAllLines(dir.resolve("status"));
                } catch (IOException gone) {
                    continue;
                }
                boolean zombie = status.stream().anyMatch(l -> l.startsWith("State:") && l.matches("State:\\s+[ZX].*"));
                boolean owned = status.stream().anyMatch(l -> l.matches("Uid:\\s+" + uid + "\\s.*"));
                if (owned && !zombie) {
                    pids.add(Long.parseLong(dir.getFileName().toString()));
                }
            }
        }
        return pids;
    }
}
