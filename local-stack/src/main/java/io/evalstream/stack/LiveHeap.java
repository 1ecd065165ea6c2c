package io.evalstream.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM's heap holds after a full collection: its live data, the measure of a heap leak that resident memory
 * cannot show (a heap grows to its limit and stays there, leak or not). Asked of the process with {@code jcmd
 * GC.class_histogram}, from the JDK that runs this program: it collects and counts the live objects in one step, so
 * nothing allocated after the collection is counted.
 */
final class LiveHeap {

    private static final Pattern TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)\\s*$", Pattern.MULTILINE);
    /** Dead space the collector pads with parseable objects; the histogram lists them, but they hold nothing. */
    private static final Pattern FILLER = Pattern.compile(
            "^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+\\S*jdk\\.internal\\.vm\\.Filler\\w+;?\\s", Pattern.MULTILINE);
    private static final long JCMD_TIMEOUT_SECONDS = 120;

    private LiveHeap() {
    }

    /** Runs a full collection in process {@code pid} and returns the bytes its live objects take. */
    static long afterFullCollection(long pid) {
        return liveBytes(jcmd(pid, "GC.class_histogram"));
    }

    /** The live objects' bytes from the output of {@code jcmd <pid> GC.class_histogram}, fillers left out. */
    static long liveBytes(String histogram) {
        Matcher total = TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new IllegalStateException("no Total line in the output of jcmd GC.class_histogram:\n"
                    + histogram.lines().limit(10).reduce("", (a, b) -> a + b + "\n"));
        }
        long bytes = Long.parseLong(total.group(1));
        Matcher filler = FILLER.matcher(histogram);
        while (filler.find()) {
            bytes -= Long.parseLong(filler.group(1));
        }
        return bytes;
    }

    private static String jcmd(long pid, String command) {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new IllegalStateException("the soak measures live heaps with jcmd, which is not beside " + java
                    + "; run it with a full JDK (./run picks one)");
        }
        List<String> line = List.of(jcmd.toString(), Long.toString(pid), command);
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", line) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", line), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", line), e);
        }
    }
}
