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

    /** {@code kcat -P -K '|'} with Java's partitioner, so keys land where a Java producer would put them. */
    static void produce(String bootstrap, String topic, String key, String value) throws IOException, InterruptedException {
        Process kcat = new ProcessBuilder("kcat", "-b", bootstrap, "-t", topic, "-P", "-K", "|",
                "-X", "topic.partitioner=murmur2_random").redirectErrorStream(true).start();
        try (OutputStream in = kcat.getOutputStream()) {
            in.write((key + "|" + value + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kcat.waitFor(30, TimeUnit.SECONDS) || kcat.exitValue() != 0) {
            throw new IOException("kcat failed: " + output);
        }
    }
}
