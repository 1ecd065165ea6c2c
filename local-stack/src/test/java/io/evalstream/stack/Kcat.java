package io.evalstream.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The kcat command-line client, as the README's recipe uses it. */
final class Kcat {

    private Kcat() {
    }

    static boolean available() {
        try {
            Process which = new ProcessBuilder("kcat", "-V").redirectErrorStream(true).start();
            which.getInputStream().readAllBytes();
            return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Produces {@code lines} ("key|value", one record each, neither containing a line break) in one kcat run, with
     * Java's partitioner and records up to 8 MB.
     */
    static void produceAll(String bootstrap, String topic, java.util.List<String> lines)
            throws IOException, InterruptedException {
        Process kcat = new ProcessBuilder("kcat", "-b", bootstrap, "-t", topic, "-P", "-K", "|",
                "-X", "topic.partitioner=murmur2_random", "-X", "message.max.bytes=8388608")
                .redirectErrorStream(true).start();
        try (OutputStream in = kcat.getOutputStream()) {
            for (String line : lines) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kcat.waitFor(60, TimeUnit.SECONDS) || kcat.exitValue() != 0) {
            throw new IOException("kcat failed: " + output);
        }
    }
}
