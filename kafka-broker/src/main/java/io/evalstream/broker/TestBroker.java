package io.evalstream.broker;

import java.util.Optional;

/**
 * A real Kafka broker for tests: the embedded KRaft broker ({@link LocalKafka}) or, where a Docker engine answers,
 * a Kafka container. {@link TestBrokers} chooses which; tests see only this.
 */
public interface TestBroker extends AutoCloseable {

    /** {@code host:port} of the clients' listener. */
    String bootstrapServers();

    /** How clients log in, for a secured broker (SASL_SSL, SCRAM-SHA-512, ACLs); empty for a plain one. */
    Optional<BrokerSecurity> security();

    /** What this broker is, in words, for the test output: {@code embedded KRaft (LocalKafka)}, say. */
    String description();

    /** Stops the broker and deletes what it kept. */
    @Override
    void close();
}
