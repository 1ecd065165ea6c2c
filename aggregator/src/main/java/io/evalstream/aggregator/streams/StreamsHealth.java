package io.evalstream.aggregator.streams;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams.State;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Health from the Kafka Streams state: alive unless it failed or stopped, ready once its stores can be read. */
@ApplicationScoped
public class StreamsHealth {

    private static final Set<State> DEAD = EnumSet.of(State.PENDING_ERROR, State.ERROR, State.NOT_RUNNING);

    private final StreamsLifecycle streams;

    StreamsHealth(StreamsLifecycle streams) {
        this.streams = streams;
    }

    @Produces
    @Liveness
    HealthCheck alive() {
        return () -> response("kafka-streams", streams.state().map(state -> !DEAD.contains(state)).orElse(true));
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> response("kafka-streams-stores", streams.state().map(state -> state == State.RUNNING)
                .orElse(false));
    }

    private HealthCheckResponse response(String name, boolean up) {
        return HealthCheckResponse.named(name).status(up)
                .withData("state", streams.state().map(State::name).orElse("NOT_STARTED")).build();
    }
}
