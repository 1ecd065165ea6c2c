package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.broker.Directories;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A command's work directory goes when the command succeeds, and stays when asked to or when it failed. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WorkDirTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest(name = "--keep {0}, exit {1}: deleted {2}")
    @CsvSource(textBlock = """
            false, 0, true
            false, 1, false
            false, 2, false
            true,  0, false
            true,  1, false
            """)
    void aTemporaryDirectoryIsDeletedOnlyWhenTheCommandSucceededWithoutKeep(boolean keep, int exit, boolean deleted)
            throws Exception {
        WorkDir dir = WorkDir.temporary("evalstream-workdir-test", keep);
        try {
            assertThat(dir.run(() -> {
                Files.writeString(Files.createDirectories(dir.path().resolve("logs")).resolve("a.log"), "written");
                return exit;
            }, stream())).isEqualTo(exit);
            assertThat(Files.exists(dir.path())).isEqualTo(!deleted);
            assertThat(printed()).as("named for its logs when the command failed")
                    .isEqualTo(exit == 0 ? "" : "Kept " + dir.path() + " to see what went wrong: each service's log is"
                            + " in a logs/ directory there, the broker's in kafka/server.log.\n");
        } finally {
            Directories.delete(dir.path());
        }
    }

    @Test
    void aTemporaryDirectoryIsKeptWhenTheCommandThrows() throws Exception {
        WorkDir dir = WorkDir.temporary("evalstream-workdir-test", false);
        try {
            assertThatThrownBy(() -> dir.run(() -> {
                throw new IllegalStateException("the broker did not start");
            }, stream())).hasMessage("the broker did not start");
            assertThat(dir.path()).isDirectory();
            assertThat(printed()).startsWith("Kept " + dir.path());
        } finally {
            Directories.delete(dir.path());
        }
    }

    @Test
    void aDirectoryTheUserNamedIsNeverDeleted(@TempDir Path parent) throws Exception {
        WorkDir dir = WorkDir.given(parent.resolve("mine"));

        assertThat(dir.run(() -> 0, stream())).isZero();

        assertThat(dir.path()).isDirectory();
        assertThat(dir.describe()).endsWith(" (kept)");
    }

    @Test
    void theStartLineSaysWhereTheDataGoesAndThatItIsTemporary() throws Exception {
        WorkDir dir = WorkDir.temporary("evalstream-workdir-test", false);
        try {
            assertThat(dir.describe()).isEqualTo("Broker data, service logs and temp files: " + dir.path()
                    + " (temporary: deleted at the end, kept if something fails; --keep keeps it)");
        } finally {
            Directories.delete(dir.path());
        }
    }

    private PrintStream stream() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    private String printed() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
