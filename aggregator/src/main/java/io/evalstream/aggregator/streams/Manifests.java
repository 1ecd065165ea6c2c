package io.evalstream.aggregator.streams;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.Texts;
import io.evalstream.contracts.WireFormat;
import java.util.Optional;

/** Reads the raw manifests kept in the {@link ScoreTopology#MANIFESTS} store. */
public final class Manifests {

    static final WireFormat<RunManifest> FORMAT = WireFormat.of(RunManifest.class);

    private Manifests() {
    }

    /**
     * Why a record of the runs topic is not a valid manifest for its key, or empty when it is one (a tombstone,
     * null value, is valid: it forgets the run).
     */
    public static Optional<String> rejection(String key, byte[] value) {
        if (key == null) {
            return Optional.of("no key; the runs topic is keyed by runId");
        }
        if (value == null) {
            return Optional.empty();
        }
        return switch (FORMAT.decode(value)) {
            case Decoded.Invalid<RunManifest> invalid -> Optional.of(invalid.reason());
            case Decoded.Valid<RunManifest> valid -> valid.value().runId().equals(key) ? Optional.empty()
                    : Optional.of("record key '" + Texts.abbreviate(key, Texts.KEY_IN_A_LOG)
                            + "' is not the manifest's runId '"
                            + valid.value().runId() + "'");
        };
    }

    /**
     * @param bytes a stored manifest, or null when the run has none
     * @return empty for null, or for bytes that are not a valid manifest (only valid ones are stored, so that
     *         means the store was filled by something other than {@link ManifestUpdater})
     */
    public static Optional<RunManifest> decode(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        return FORMAT.decode(bytes) instanceof Decoded.Valid<RunManifest> valid ? Optional.of(valid.value())
                : Optional.empty();
    }
}
