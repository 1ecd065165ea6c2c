package io.evalstream.aggregator.metrics;

import io.evalstream.aggregator.scoring.Scoring;
import io.evalstream.aggregator.scoring.Tally;
import io.evalstream.aggregator.streams.ScoreEvents;
import io.evalstream.aggregator.streams.StreamsRunning;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.logging.Logger;

/**
 * Live Prometheus gauges per (run, model, benchmark), fed by the topology's score changes and run manifests,
 * and seeded from the tally store each time Kafka Streams reaches RUNNING, so they survive a restart.
 */
@ApplicationScoped
public class ScoreGauges implements ScoreEvents {

    private static final Logger LOG = Logger.getLogger(ScoreGauges.class);
    private static final List<GaugeSpec> GAUGES = List.of(
            new GaugeSpec("evalstream_score_accuracy_ratio", "Correct / graded (errors and no-answers are not correct)",
                    LiveCell::accuracy),
            new GaugeSpec("evalstream_score_mean_ratio",
                    "Mean of the grades' scores (above accuracy only for partial-credit metrics such as token F1)",
                    LiveCell::meanScore),
            new GaugeSpec("evalstream_score_ci95_lower_ratio", "Lower bound of the 95% Wilson interval of accuracy",
                    LiveCell::lower),
            new GaugeSpec("evalstream_score_ci95_upper_ratio", "Upper bound of the 95% Wilson interval of accuracy",
                    LiveCell::upper),
            new GaugeSpec("evalstream_run_progress_ratio", "Graded / expected tasks", LiveCell::progress),
            new GaugeSpec("evalstream_graded_samples", "Tasks graded (latest grade per task)", LiveCell::graded),
            new GaugeSpec("evalstream_correct_samples", "Tasks whose latest grade is CORRECT", LiveCell::correct),
            new GaugeSpec("evalstream_error_samples", "Tasks whose latest grade is ERROR", LiveCell::errors),
            new GaugeSpec("evalstream_expected_samples", "Tasks the run manifest expects", LiveCell::expected),
            new GaugeSpec("evalstream_judged_samples", "Tasks whose latest grade is JUDGED (scored by a judge on a rubric)",
                    LiveCell::judged));
    private static final String JUDGE_SCORE = "evalstream_judge_score_mean";

    private record GaugeSpec(String name, String help, ToDoubleFunction<LiveCell> value) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<ScoreKey, LiveCell> cells = new ConcurrentHashMap<>();
    private final Counter rejectedManifests;
    private final Counter ignoredDimensions;

    ScoreGauges(MeterRegistry registry) {
        this.registry = registry;
        this.rejectedManifests = Counter.builder("evalstream_invalid_manifests")
                .description("Records of the runs topic skipped because they are not valid run manifests")
                .register(registry);
        this.ignoredDimensions = Counter.builder("evalstream_judge_dimensions_ignored")
                .description("Judge scores left out because their cell already counts the most rubric dimensions it may")
                .register(registry);
        // Registered up front so dashboards and alerts see 0 rather than no series before the first bad grade.
        deadLetters(Topics.GRADES);
    }

    @Override
    public void scoreChanged(BenchmarkScore score) {
        LiveCell cell = cell(score.key());
        cell.update(score);
        judgeGauges(score.key(), cell, score);
    }

    @Override
    public void manifestChanged(RunManifest manifest) {
        Scoring.expectedCells(manifest).forEach((key, count) -> cell(key).expect(count.tasks()));
    }

    @Override
    public void deadLettered(String sourceTopic) {
        deadLetters(sourceTopic).increment();
    }

    @Override
    public void judgeDimensionsIgnored(int dimensions) {
        ignoredDimensions.increment(dimensions);
    }

    @Override
    public void manifestRejected() {
        rejectedManifests.increment();
    }

    void seed(@ObservesAsync StreamsRunning running) {
        try {
            seed(running.stores().allTallies(), Instant.now());
        } catch (InvalidStateStoreException e) {
            LOG.debugf("Gauges not seeded from the tally store (%s); the next RUNNING state seeds them", e.getMessage());
        }
    }

    /** Fills cells that have no score yet (after a restart the stream only reports tallies that change). */
    void seed(Map<ScoreKey, Tally> tallies, Instant now) {
        tallies.forEach((key, tally) -> {
            BenchmarkScore score = Scoring.score(key, tally, null, now);
            LiveCell cell = cell(key);
            cell.seed(score);
            judgeGauges(key, cell, score);
        });
    }

    /** One gauge per rubric dimension a cell has scores for; at most {@code GradedSample.MAX_DIMENSIONS} per cell. */
    private void judgeGauges(ScoreKey key, LiveCell cell, BenchmarkScore score) {
        for (DimensionScore dimension : score.judgeScores()) {
            if (cell.firstSeen(dimension.dimension())) {
                Gauge.builder(JUDGE_SCORE, cell, live -> live.judgeMean(dimension.dimension()))
                        .description("Mean judge score (1-10) of one rubric dimension over the cell's judged answers")
                        .tags(tags(key).and("dimension", dimension.dimension())).strongReference(true)
                        .register(registry);
            }
        }
    }

    private Counter deadLetters(String sourceTopic) {
        return Counter.builder("evalstream_dead_letters").description("Records written to the dead-letter topic")
                .tag("topic", sourceTopic).register(registry);
    }

    private LiveCell cell(ScoreKey key) {
        return cells.computeIfAbsent(key, this::register);
    }

    private LiveCell register(ScoreKey key) {
        LiveCell cell = new LiveCell();
        GAUGES.forEach(gauge -> Gauge.builder(gauge.name(), cell, gauge.value()).description(gauge.help())
                .tags(tags(key)).strongReference(true).register(registry));
        return cell;
    }

    private static Tags tags(ScoreKey key) {
        return Tags.of("run", key.runId(), "model", key.modelId(), "benchmark", key.benchmarkId());
    }
}
