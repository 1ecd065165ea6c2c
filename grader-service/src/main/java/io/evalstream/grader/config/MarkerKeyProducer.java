package io.evalstream.grader.config;

import io.evalstream.grader.judging.MarkerKey;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.jboss.logging.Logger;

/** The secret of the judge prompts' answer markers: from the configured file, else drawn for this process. */
public class MarkerKeyProducer {

    private static final Logger LOG = Logger.getLogger(MarkerKeyProducer.class);
    private static final String KEY = "evalstream.grader.judge.marker-key-file";

    // At startup, so a bad key file stops the grader before it consumes anything.
    @Produces
    @Singleton
    @Startup
    MarkerKey markerKey(JudgeSettings settings) {
        if (settings.markerKeyFile().isPresent()) {
            return read(settings.markerKeyFile().get());
        }
        // Still unguessable; only a judge task re-published by another process gets other markers (counted once all
        // the same, see MarkerKey).
        LOG.infof("No %s: the markers of judge prompts come from a key drawn for this process", KEY);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new MarkerKey(key);
    }

    /** @throws IllegalArgumentException naming the setting when the file cannot be read or is too short */
    private static MarkerKey read(Path file) {
        byte[] key;
        try {
            key = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the marker key file " + KEY + "=" + file + " ("
                    + e.getClass().getSimpleName() + "); the grader does not start without the key it was given", e);
        }
        if (key.length < MarkerKey.MIN_BYTES) {
            throw new IllegalArgumentException("the marker key file " + KEY + "=" + file + " holds " + key.length
                    + " bytes; it needs at least " + MarkerKey.MIN_BYTES + " (e.g. openssl rand -hex 32)");
        }
        return new MarkerKey(key);
    }
}
