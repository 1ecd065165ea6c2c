package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.sandbox.Execution.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sandbox's own directories: made private, and a planted or foreign one refused with a clear message. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OwnedDirectoryTest {

    private static final int ME = ownUid();
    private static final int STRANGER = 12345;

    @TempDir
    Path parent;

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            ours and private,         false, true,  0,     rwx------,
            ours and readable (755),  false, true,  0,     rwxr-xr-x,
            ours and traversable,     false, true,  0,     rwx--x--x,
            a symbolic link,          true,  false, 0,     rwxrwxrwx, is a symbolic link
            a plain file,             false, false, 0,     rw-------, is not a directory
            someone else's,           false, true,  12345, rwx------, is owned by uid 12345
            group-writable,           false, true,  0,     rwxrwx---, has mode rwxrwx---
            world-writable,           false, true,  0,     rwxrwxrwx, has mode rwxrwxrwx
            world-writable and sticky,false, true,  0,     rwxrwxrwt, has mode rwxrwxrwx
            """)
    void existingDirectoryIsUsedOnlyWhenItIsOursAndNobodyElseCouldWriteIt(String name, boolean symlink, boolean directory,
                                                                         int owner, String mode, String problem) {
        String permissions = mode.replace('t', 'x'); // Java has no sticky bit: the write bit is what matters
        OwnedDirectory.Found found = new OwnedDirectory.Found(symlink, directory, owner,
                PosixFilePermissions.fromString(permissions));

        assertThat(OwnedDirectory.problem(Path.of("/run/lock/x"), found, 0).orElse(null))
                .as(name).satisfies(p -> {
                    if (problem == null) {
                        assertThat(p).isNull();
                    } else {
                        assertThat(p).startsWith("/run/lock/x ").contains(problem).endsWith("remove it");
                    }
                });
    }

    @Test
    void aNewDirectoryIsCreatedWithExactlyTheModeAsked() throws IOException {
        Path dir = OwnedDirectory.prepare(parent.resolve("new"), "rwx------", ME);

        assertThat(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aReadableDirectoryOfOursIsTightened() throws IOException {
        Path dir = Files.createDirectory(parent.resolve("older"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        OwnedDirectory.prepare(dir, "rwx------", ME);

        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aPreCreatedSymlinkIsRefusedAndItsTargetLeftAlone() throws IOException {
        Path target = Files.createDirectory(parent.resolve("victim"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path link = Files.createSymbolicLink(parent.resolve("evalstream-sandbox"), target);

        assertThatThrownBy(() -> OwnedDirectory.prepare(link, "rwx------", ME))
                .isInstanceOf(IOException.class).hasMessageContaining(link + " is a symbolic link");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aDirectoryOwnedBySomeoneElseIsRefused() throws IOException {
        requireRoot("chown to another uid");
        Path dir = Files.createDirectory(parent.resolve("theirs"));
        Files.setAttribute(dir, "unix:uid", STRANGER);

        assertThatThrownBy(() -> OwnedDirectory.prepare(dir, "rwx------", ME))
                .isInstanceOf(IOException.class).hasMessageContaining("is owned by uid " + STRANGER + ", not by uid " + ME);
    }

    @Test
    void aWorldWritableDirectoryIsRefusedNotRepaired() throws IOException {
        Path dir = Files.createDirectory(parent.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> OwnedDirectory.prepare(dir, "rwx------", ME))
                .isInstanceOf(IOException.class).hasMessageContaining("has mode rwxrwxrwx");
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @Test
    void aSandboxWhoseWorkRootIsAPlantedSymlinkRefusesToRunAndSaysWhy() throws IOException {
        Path target = Files.createDirectory(parent.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(parent.resolve("work"), target);

        try (Sandbox sandbox = Sandbox.start(SandboxFixture.config(link, 1, SandboxFixture.FAST))) {
            assertThat(sandbox.isolation()).isEqualTo(Isolation.NONE);
            assertThat(sandbox.describe()).contains("cannot prepare the sandbox", link + " is a symbolic link");
            assertThat(sandbox.runPython("print(1)\n").status()).isEqualTo(Status.REFUSED);
        }
        try (var left = Files.list(target)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aLockFileThatIsALinkIsNeverOpened() throws IOException {
        Path target = parent.resolve("target");
        Path link = Files.createSymbolicLink(parent.resolve("uid-61000.lock"), target);

        assertThatThrownBy(() -> SlotPool.tryLock(link)).isInstanceOf(IOException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    @Tag("integration")
    void theUidLockDirectoryIsPrivateOnceASandboxRuns() throws IOException {
        requireRoot("uid lock files exist only as root");
        try (Sandbox sandbox = Sandbox.start(SandboxFixture.config(parent, 1, SandboxFixture.FAST))) {
            assertThat(sandbox.slotUids()).isNotEmpty();
            Path locks = Path.of("/run/lock/evalstream-sandbox");
            assertThat(Files.getPosixFilePermissions(locks, LinkOption.NOFOLLOW_LINKS))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** CI runs as root; elsewhere the test says loudly that it did not run. */
    private static void requireRoot(String why) {
        if (ME != 0) {
            System.out.println("NOT RUN: " + why + " (needs root; CI runs as root)");
        }
        Assumptions.assumeTrue(ME == 0, () -> "needs root: " + why);
    }

    private static int ownUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the test's uid from /proc/self", e);
        }
    }
}
