package io.evalstream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The embedded test broker: a {@link LocalKafka} child JVM in a temp directory of its own, deleted with it. */
final class EmbeddedTestBroker implements TestBroker {

    static final String DESCRIPTION = "embedded KRaft (LocalKafka)";
    static final String SECURED_DESCRIPTION = "embedded KRaft (LocalKafka.startSecure: SASL_SSL/SCRAM-SHA-512, ACLs)";

    private final LocalKafka kafka;
    private final Path dir;

    private EmbeddedTestBroker(LocalKafka kafka, Path dir) {
        this.kafka = kafka;
        this.dir = dir;
    }

    static EmbeddedTestBroker start(boolean secured) {
        Path dir;
        try {
            dir = Files.createTempDirectory("evalstream-test-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the test broker", e);
        }
        try {
            return new EmbeddedTestBroker(secured ? LocalKafka.startSecure(dir, FreePorts.next(), false)
                    : LocalKafka.start(dir), dir);
        } catch (RuntimeException e) {
            Directories.delete(dir);
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public Optional<BrokerSecurity> security() {
        return kafka.security();
    }

    @Override
    public String description() {
        return kafka.security().isPresent() ? SECURED_DESCRIPTION : DESCRIPTION;
    }

    /** SIGKILL, then its directory goes: each test JVM formats a new broker, so nothing would ever read it again. */
    @Override
    public void close() {
        kafka.kill();
        Directories.delete(dir);
    }
}
