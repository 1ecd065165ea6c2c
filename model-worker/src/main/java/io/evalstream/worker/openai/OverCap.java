package io.evalstream.worker.openai;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.worker.backend.ModelCallException;

/** The failure of a call whose response passed one of its {@link ReplyCaps}: terminal, never retried into the flood. */
final class OverCap {

    private OverCap() {
    }

    /**
     * @param what  which part of the response, e.g. {@code "reply body"}, {@code "SSE line"}
     * @param cap   the cap in bytes
     * @param read  bytes seen so far (more than {@code cap}); the response went on beyond them or would have
     */
    static ModelCallException of(String what, long cap, long read) {
        return ModelCallException.terminal(ErrorKind.MALFORMED_RESPONSE, what + " exceeds its cap of " + cap
                + " bytes (" + read + " bytes read after decompression); the call was cut off and is not retried");
    }
}
