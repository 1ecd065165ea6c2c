package io.evalstream.aggregator.stopping;

import io.evalstream.reports.analysis.EarlyStops;
import io.evalstream.aggregator.config.AggregatorConfig;
import io.evalstream.aggregator.metrics.ScoreGauges;
import io.evalstream.reports.scoring.Scoring;
import io.evalstream.reports.scoring.Tally;
import io.evalstream.aggregator.streams.ScoreStores;
import io.evalstream.aggregator.streams.StreamsLifecycle;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.StopDecision;
import io.evalstream.contracts.StopDirectory;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Opt-in early stopping: every few seconds, off the stream threads, the instance that leads a run whose spec has a
 * stop rule looks at the rule's comparison on each benchmark not yet stopped nor complete ({@link EarlyStops}), and
 * publishes a {@link StopDecision} once the rule accepts the outcome. Workers then end that benchmark's remaining
 * tasks as STOPPED_EARLY. A decision is written once: the stops topic is read back before the first look, and a
 * decision written here is remembered at once.
 */
@ApplicationScoped
class EarlyStopper {

    private static final Logger LOG = Logger.getLogger(EarlyStopper.class);
    private static final WireFormat<StopDecision> DECISIONS = WireFormat.of(StopDecision.class);

    private final StreamsLifecycle streams;
    private final ScoreGauges leadership;
    private final StopDirectory stops;
    private final KafkaClients kafka;
    private final AggregatorConfig config;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timer;
    private KafkaProducer<String, byte[]> producer;

    EarlyStopper(StreamsLifecycle streams, ScoreGauges leadership, StopDirectory stops, KafkaClients kafka,
            AggregatorConfig config) {
        this.streams = streams;
        this.leadership = leadership;
        this.stops = stops;
        this.kafka = kafka;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        producer = kafka.producer("evalstream-aggregator-stops", Map.of(ProducerConfig.ACKS_CONFIG, "all"));
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("early-stopper").daemon()
                .factory());
        long every = config.earlyStopInterval().toMillis();
        timer.scheduleWithFixedDelay(this::lookSafely, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.shutdownNow();
            producer.close();
        }
    }

    private void lookSafely() {
        try {
            look();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Not started, rebalancing, a peer or the broker away: the next tick looks again.
            LOG.debugf("No early-stop look this time: %s", e.toString());
        }
    }

    private void look() throws InterruptedException, ExecutionException, TimeoutException {
        if (!stops.caughtUp()) {
            return;
        }
        ScoreStores stores = streams.stores();
        for (RunManifest manifest : stores.manifests().values()) {
            if (manifest.spec().stop() != null && leadership.leads(manifest.runId())) {
                look(stores, manifest);
            }
        }
    }

    private void look(ScoreStores stores, RunManifest manifest)
            throws InterruptedException, ExecutionException, TimeoutException {
        String runId = manifest.runId();
        Map<String, StopDecision> stopped = stops.ofRun(runId);
        Map<ScoreKey, Tally> tallies = stores.tallies(runId);
        Map<ScoreKey, ExpectedCount> expected = Scoring.expectedCells(manifest);
        // Cheap checks first: a run whose benchmarks are all stopped or complete is not read again.
        Set<String> open = expected.keySet().stream().map(ScoreKey::benchmarkId)
                .filter(benchmarkId -> !stopped.containsKey(benchmarkId) && !complete(benchmarkId, expected, tallies))
                .collect(Collectors.toSet());
        if (open.isEmpty()) {
            return;
        }
        var rule = manifest.spec().stop();
        Map<String, EarlyStops.Pairs> pairs = stores.latestSamples(runId, samples -> EarlyStops.pair(samples, rule));
        for (String benchmarkId : open) {
            var decision = pairs.containsKey(benchmarkId) ? EarlyStops.decide(runId, benchmarkId,
                    pairs.get(benchmarkId), rule, clock.instant()) : Optional.<StopDecision>empty();
            if (decision.isPresent()) {
                producer.send(new ProducerRecord<>(Topics.STOPS, decision.get().key(),
                        DECISIONS.encode(decision.get()))).get(30, TimeUnit.SECONDS);
                stops.written(decision.get());
                LOG.infof("Run %s: %s", runId, decision.get().describe());
            }
        }
    }

    private static boolean complete(String benchmarkId, Map<ScoreKey, ExpectedCount> expected,
            Map<ScoreKey, Tally> tallies) {
        return expected.entrySet().stream().filter(cell -> cell.getKey().benchmarkId().equals(benchmarkId))
                .allMatch(cell -> tallies.getOrDefault(cell.getKey(), Tally.EMPTY).graded() >= cell.getValue().tasks());
    }
}
