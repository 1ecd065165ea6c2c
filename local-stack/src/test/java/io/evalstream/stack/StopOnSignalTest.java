package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGTERM (what Ctrl-C, {@code kill} and a CI timeout send) to the launcher stops the broker and every service it
 * started: none is left running, holding ports and gigabytes. The soak is the case that once leaked them. Then it
 * deletes its temporary work directory, broker data and extracted native libraries included (issue 26: repeated
 * benchmarks filled the disk).
 */
@Tag("integration")
class StopOnSignalTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aSigtermToTheLauncherMidSoakLeavesNoProcessAndNoFileBehind(@TempDir Path work) throws Exception {
        Path log = work.resolve("launcher.log");
        Path systemTemp = Files.createDirectory(work.resolve("tmp"));
        // No --work-dir: a temporary one, in what the launcher takes for the system's temp dir.
        Process launcher = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Devalstream.home=" + System.getProperty("evalstream.home"), "-Djava.io.tmpdir=" + systemTemp,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "bench", "--only-soak", "--soak-interval", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<ProcessHandle> children = List.of();
        try {
            // The first sample means the broker and all four services are up and tasks are flowing.
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(
                    () -> !launcher.isAlive() || Files.readString(log).contains("\"soak_sample\""));
            assertThat(launcher.isAlive()).as("the launcher is running; its log:%n%s", Files.readString(log)).isTrue();
            children = launcher.descendants().toList();
            assertThat(children).as("broker and four services").hasSizeGreaterThanOrEqualTo(5);
            try (Stream<Path> entries = Files.list(systemTemp)) {
                assertThat(entries.map(entry -> entry.getFileName().toString())).as("the work directory")
                        .anyMatch(name -> name.startsWith("evalstream-bench"));
            }

            launcher.destroy();

            assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).as("the launcher exits on SIGTERM").isTrue();
            List<ProcessHandle> started = children;
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(started)
                    .as("processes the launcher started").noneMatch(ProcessHandle::isAlive));
            try (Stream<Path> left = Files.list(systemTemp)) {
                assertThat(left).as("what the launcher left in the temp dir; its log:%n%s", Files.readString(log))
                        .isEmpty();
            }
        } finally {
            // Orphans no longer count as the launcher's descendants: clean up what it started, as captured.
            children.forEach(ProcessHandle::destroyForcibly);
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }
}
