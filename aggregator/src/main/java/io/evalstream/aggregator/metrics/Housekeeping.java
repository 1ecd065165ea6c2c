package io.evalstream.aggregator.metrics;

import io.evalstream.aggregator.config.AggregatorConfig;
import io.evalstream.aggregator.streams.ScoreStores;
import io.evalstream.aggregator.streams.StreamsLifecycle;
import io.evalstream.contracts.KafkaClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The gauges' periodic work, off the stream threads: expiring finished runs, reading the stores into the gauges and
 * counters (following which cells this instance owns and, for the runs it leads, the other instances' cells), and
 * reading consumer lag.
 */
@ApplicationScoped
class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final ScoreGauges gauges;
    private final StreamCounters counters;
    private final IgnoredJudgeScores ignored;
    private final AggregatorConfig config;
    private final MeterRegistry registry;
    private final KafkaClients kafka;
    private final StreamsLifecycle streams;
    private ScheduledExecutorService timer;
    private ConsumerLag lag;
    private volatile boolean lagFailing;

    Housekeeping(ScoreGauges gauges, StreamCounters counters, IgnoredJudgeScores ignored, AggregatorConfig config, MeterRegistry registry,
            KafkaClients kafka, StreamsLifecycle streams) {
        this.streams = streams;
        this.gauges = gauges;
        this.counters = counters;
        this.ignored = ignored;
        this.config = config;
        this.registry = registry;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent startup) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gauge-housekeeping").daemon()
                .factory());
        long expiry = config.gauges().expiryCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(gauges::expire, expiry, expiry, TimeUnit.MILLISECONDS);
        long reconcile = config.gauges().reconcileInterval().toMillis();
        timer.scheduleWithFixedDelay(this::reconcile, reconcile, reconcile, TimeUnit.MILLISECONDS);
        lag = new ConsumerLag(kafka.admin("evalstream-aggregator-lag"), registry, config.lag().groups());
        long every = config.lag().interval().toMillis();
        timer.scheduleWithFixedDelay(this::refreshLag, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.shutdownNow();
            lag.close();
        }
    }

    private void reconcile() {
        try {
            ScoreStores stores = streams.stores();
            gauges.reconcile(stores);
            counters.observe(stores.local().counts());
            ignored.observe(stores);
        } catch (RuntimeException e) {
            // Not started yet, or a peer call failed past its own handling: the next tick tries again.
            LOG.debugf("Gauges not reconciled this time: %s", e.toString());
        }
    }

    private void refreshLag() {
        try {
            lag.refresh();
            if (lagFailing) {
                LOG.info("Consumer lag readable again");
                lagFailing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Logged once per outage: the broker being away is reported by the services themselves.
            if (!lagFailing) {
                LOG.warnf("Cannot read consumer lag from %s (%s); lag gauges keep their last values", kafka,
                        e.toString());
                lagFailing = true;
            }
        }
    }
}
