package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void walksFromTheFailureToItsRootCause() {
        IOException root = new IOException("disk full");
        RuntimeException failure = new IllegalStateException("write failed", new UncheckedIOException(root));

        assertThat(Causes.chain(failure)).hasSize(3).startsWith(failure).endsWith(root);
        assertThat(Causes.find(failure, IOException.class)).containsSame(root);
        assertThat(Causes.find(failure, IllegalArgumentException.class)).isEmpty();
        assertThat(Causes.root(failure)).isSameAs(root);
        assertThat(Causes.describeRoot(failure)).isEqualTo("IOException: disk full");
        assertThat(Causes.chain(null)).isEmpty();
    }

    @Test
    void stopsOnAChainThatLoops() {
        RuntimeException first = new RuntimeException("first");
        first.initCause(new RuntimeException("second", first));

        assertThat(Causes.chain(first)).hasSize(32);
        assertThat(Causes.find(first, IOException.class)).isEmpty();
    }
}
