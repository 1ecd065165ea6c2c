package io.evalstream.aggregator.streams;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.WireFormat;
import java.util.Optional;

/** Reads the raw manifests kept in the {@link ScoreTopology#MANIFESTS} store. */
public final class Manifests {

    static final WireFormat<RunManifest> FORMAT = WireFormat.of(RunManifest.class);

    private Manifests() {
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
