package io.evalstream.aggregator.cluster;

import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** Another instance holding part of the answer did not give it (down, restarting, or not ready): 503, try again. */
public final class PeerUnavailable extends InvalidStateStoreException {

    public PeerUnavailable(String message) {
        super(message);
    }
}
