package io.evalstream.aggregator.metrics;

import io.evalstream.aggregator.cluster.Slice;
import io.evalstream.aggregator.config.AggregatorConfig;
import io.evalstream.aggregator.streams.ScoreStores;
import io.evalstream.aggregator.streams.StreamsRunning;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Scorer;
import io.evalstream.contracts.ScorerScore;
import io.evalstream.reports.scoring.Scoring;
import io.evalstream.reports.scoring.Tally;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.logging.Logger;

/**
 * Live Prometheus gauges per (run, model, benchmark), per (run, model, category), per (run, model) and per run, read
 * from the stores (tallies and run manifests) each time Kafka Streams reaches RUNNING and at every housekeeping tick,
 * so they survive a restart, follow rebalances, and never see a score the topology pushed from a transaction that
 * later aborted: the topology pushes nothing. With several instances
 * each series lives on exactly one ({@link Ownership}): a cell's on the instance running its tally partition, a
 * run's on the one leading it, which reads the other instances' cells for them. So summing a count over instances
 * is exact and a ratio has one series. A run's gauges are removed once it has been complete and quiet for the
 * finished-run time to live (or quiet for the idle one), so finished runs do not pile up in Prometheus.
 */
@ApplicationScoped
public class ScoreGauges {

    private static final Logger LOG = Logger.getLogger(ScoreGauges.class);
    private static final List<GaugeSpec> CELL_GAUGES = List.of(
            new GaugeSpec("evalstream_score_accuracy_ratio", "Correct / graded (errors and no-answers are not correct)",
                    LiveCell::accuracy),
            new GaugeSpec("evalstream_score_mean_ratio",
                    "Mean of the grades' scores (above accuracy only for partial-credit metrics such as token F1)",
                    LiveCell::meanScore),
            new GaugeSpec("evalstream_score_mean_stderr_ratio", "Standard error of the mean score",
                    LiveCell::meanScoreStdErr),
            new GaugeSpec("evalstream_score_ci95_lower_ratio", "Lower bound of the 95% Wilson interval of accuracy",
                    LiveCell::lower),
            new GaugeSpec("evalstream_score_ci95_upper_ratio", "Upper bound of the 95% Wilson interval of accuracy",
                    LiveCell::upper),
            new GaugeSpec("evalstream_score_anytime95_lower_ratio", "Lower bound of accuracy's anytime-valid 95%"
                    + " interval (a confidence sequence: stays valid however often it is looked at during the run)",
                    LiveCell::anytimeLower),
            new GaugeSpec("evalstream_score_anytime95_upper_ratio", "Upper bound of accuracy's anytime-valid 95%"
                    + " interval (a confidence sequence: stays valid however often it is looked at during the run)",
                    LiveCell::anytimeUpper),
            new GaugeSpec("evalstream_score_bits_per_byte", "Perplexity benchmarks: corpus bits per byte (summed"
                    + " log-probability over summed UTF-8 bytes; lower is better, comparable across tokenizers)",
                    LiveCell::bitsPerByte),
            new GaugeSpec("evalstream_score_acc_norm_ratio", "Multiple choice by likelihood: share of items whose"
                    + " right choice has the highest log-probability per byte (lm-evaluation-harness acc_norm)",
                    LiveCell::accNorm),
            new GaugeSpec("evalstream_run_progress_ratio", "Graded / expected tasks", LiveCell::progress),
            new GaugeSpec("evalstream_graded_samples", "Tasks graded (latest grade per task)", LiveCell::graded),
            new GaugeSpec("evalstream_correct_samples", "Tasks whose latest grade is CORRECT", LiveCell::correct),
            new GaugeSpec("evalstream_error_samples", "Tasks whose latest grade is ERROR", LiveCell::errors),
            new GaugeSpec("evalstream_expected_samples", "Tasks the run manifest expects", LiveCell::expected),
            new GaugeSpec("evalstream_judged_samples", "Tasks whose latest grade is JUDGED (scored by a judge on a rubric)",
                    LiveCell::judged),
            new GaugeSpec("evalstream_prompt_tokens", "Prompt tokens over the latest grade of each task",
                    LiveCell::promptTokens),
            new GaugeSpec("evalstream_completion_tokens", "Completion tokens over the latest grade of each task",
                    LiveCell::completionTokens));
    private static final String LATENCY = "evalstream_answer_latency_seconds";
    private static final List<String> QUANTILES = List.of("0.5", "0.95", "0.99");

    private record GaugeSpec(String name, String help, ToDoubleFunction<LiveCell> value) {
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Duration finishedTtl;
    private final Duration idleTtl;
    private final ConcurrentMap<String, LiveRun> runs = new ConcurrentHashMap<>();
    // The manifests already applied, so that reading the store again does not bring an expired run back.
    private final Map<String, RunManifest> applied = new HashMap<>();
    private volatile Ownership ownership;

    @Inject
    ScoreGauges(MeterRegistry registry, AggregatorConfig config) {
        this(registry, Clock.systemUTC(), config.gauges().finishedRunTtl(), config.gauges().idleRunTtl(),
                Ownership.NONE);
    }

    ScoreGauges(MeterRegistry registry, Clock clock, Duration finishedTtl, Duration idleTtl) {
        this(registry, clock, finishedTtl, idleTtl, Ownership.ALL);
    }

    private ScoreGauges(MeterRegistry registry, Clock clock, Duration finishedTtl, Duration idleTtl,
            Ownership ownership) {
        this.ownership = ownership;
        this.registry = registry;
        this.clock = clock;
        this.finishedTtl = finishedTtl;
        this.idleTtl = idleTtl;
    }

    /** A cell's latest score, as read from its tally. */
    void scoreChanged(BenchmarkScore score) {
        LiveRun run = run(score.cell().runId());
        LiveCell cell = cell(run, score.key());
        cell.update(score);
        cellDetailGauges(run, score.key(), cell, score);
    }

    /** A run's manifest, as read from the manifest store. */
    void manifestChanged(RunManifest manifest) {
        LiveRun run = run(manifest.runId());
        run.submitted(manifest.submittedAt());
        Ownership owned = ownership;
        Scoring.expectedCells(manifest).forEach((key, count) -> {
            run.expect(key, count.tasks());
            if (owned.owns(key)) {
                cell(run, key).expect(count.tasks());
            }
        });
    }

    /**
     * Whether this instance leads the run (exactly one instance does), as of the last reconcile; false before the
     * first.
     */
    public boolean leads(String runId) {
        return ownership.leads(runId);
    }

    void reconcile(@ObservesAsync StreamsRunning running) {
        reconcile(running.stores());
    }

    /**
     * Brings the gauges in line with the stores and with what this instance runs now: new and changed manifests set
     * what runs expect, every cell this instance runs shows its tally (dated at its last grade so that runs finished
     * long ago expire at the next check), cells that moved away lose their series, and a run this instance leads gets
     * the other instances' cells for its run-level figures. Cheap: one read of the manifests, one scan of this
     * instance's tallies, and one call per other instance per led run.
     */
    void reconcile(ScoreStores stores) {
        Slice<Tally> mine;
        try {
            manifests(stores.manifests());
            mine = stores.local().tallies(null);
        } catch (InvalidStateStoreException e) {
            LOG.debugf("Gauges not reconciled (%s); the next RUNNING state or tick does it", e.getMessage());
            return;
        }
        Map<ScoreKey, Tally> tallies = new HashMap<>();
        mine.entries().forEach((key, tally) -> tallies.put(ScoreKey.parse(key), tally));
        reconcile(new Ownership(stores.local().partitions(), Set.copyOf(mine.partitions())), tallies,
                stores::tallies);
    }

    /**
     * @param owned      the partitions this instance runs now
     * @param mine       the tallies of those partitions
     * @param runTallies a run's tallies from every instance (throws {@link InvalidStateStoreException} when that
     *                   cannot be whole right now)
     */
    void reconcile(Ownership owned, Map<ScoreKey, Tally> mine, Function<String, Map<ScoreKey, Tally>> runTallies) {
        ownership = owned;
        show(mine);
        for (Map.Entry<String, LiveRun> entry : runs.entrySet()) {
            LiveRun run = entry.getValue();
            run.cells().keySet().stream().filter(key -> !owned.owns(key))
                    .forEach(key -> run.removeCell(key).forEach(registry::remove));
            run.expected().forEach((key, tasks) -> {
                if (owned.owns(key)) {
                    cell(run, key).expect(tasks);
                }
            });
            if (!owned.leads(entry.getKey())) {
                run.dropRunMeters().forEach(registry::remove);
            } else if (!owned.whole()) {
                lead(runTallies, entry.getKey(), run, owned);
            }
        }
    }

    private void lead(Function<String, Map<ScoreKey, Tally>> runTallies, String runId, LiveRun run, Ownership owned) {
        Map<ScoreKey, BenchmarkScore> others = new HashMap<>();
        try {
            Instant now = clock.instant();
            runTallies.apply(runId).forEach((key, tally) -> {
                if (!owned.owns(key)) {
                    others.put(key, Scoring.score(key, tally, null, lastGraded(tally, now)));
                }
            });
        } catch (InvalidStateStoreException e) {
            LOG.debugf("Run %s's cells on other instances not read (%s); kept as they were", runId, e.getMessage());
            return;
        }
        run.elsewhere(others);
        runGauges(run, runId);
        others.forEach((key, score) -> rollupGauges(run, key, score));
    }

    /** Applies the manifests that are new or changed since the last call. */
    void manifests(Map<String, RunManifest> stored) {
        synchronized (applied) {
            stored.forEach((runId, manifest) -> {
                if (!manifest.equals(applied.put(runId, manifest))) {
                    manifestChanged(manifest);
                }
            });
            applied.keySet().retainAll(stored.keySet());
        }
    }

    /**
     * Shows each cell's tally, dated at its last grade so that runs finished long ago expire at the next check instead
     * of living a whole time to live.
     */
    void show(Map<ScoreKey, Tally> tallies) {
        tallies.forEach((key, tally) -> scoreChanged(Scoring.score(key, tally, null,
                lastGraded(tally, clock.instant()))));
    }

    private static Instant lastGraded(Tally tally, Instant otherwise) {
        return tally.span().lastGradedAt() == null ? otherwise : Instant.ofEpochMilli(tally.span().lastGradedAt());
    }

    /** Removes the gauges of every run that has expired; returns their ids. */
    List<String> expire() {
        Instant now = clock.instant();
        List<String> expired = runs.entrySet().stream()
                .filter(entry -> entry.getValue().expired(now, finishedTtl, idleTtl)).map(Map.Entry::getKey).toList();
        expired.forEach(runId -> {
            LiveRun run = runs.remove(runId);
            run.meters().forEach(registry::remove);
            LOG.debugf("Run %s expired from the live gauges (%d meters)", runId, run.meters().size());
        });
        return expired;
    }

    /** Gauges that appear with what a cell has seen: judge dimensions, error kinds, its category's rollup. */
    private void cellDetailGauges(LiveRun run, ScoreKey key, LiveCell cell, BenchmarkScore score) {
        for (DimensionScore dimension : score.detail().judgeScores()) {
            if (cell.firstSeen("dimension:" + dimension.dimension())) {
                gauge(cell, "evalstream_judge_score_mean", "Mean judge score (1-10) of one rubric dimension over the"
                        + " cell's judged answers", tags(key).and("dimension", dimension.dimension()),
                        live -> live.judgeMean(dimension.dimension()));
            }
        }
        for (ErrorKind kind : score.calls().errorKinds().keySet()) {
            if (cell.firstSeen("kind:" + kind)) {
                gauge(cell, "evalstream_error_kind_samples", "Tasks whose latest grade is ERROR, by kind of failure",
                        tags(key).and("kind", kind.name().toLowerCase(Locale.ROOT)), live -> live.errors(kind));
            }
        }
        scorerGauges(key, cell, score);
        rollupGauges(run, key, score);
    }

    /**
     * Accuracy and mean score per scorer of a benchmark that declares several, labelled {@code scorer}; at most
     * {@link Scorer#MAX_PER_BENCHMARK} names per cell, so a run whose definitions changed between regrades cannot
     * grow the series without bound.
     */
    private void scorerGauges(ScoreKey key, LiveCell cell, BenchmarkScore score) {
        if (score.detail().scorers() == null) {
            return;
        }
        for (ScorerScore scorer : score.detail().scorers()) {
            String name = scorer.scorer();
            if (cell.scorerNames() < Scorer.MAX_PER_BENCHMARK && cell.firstSeen("scorer:" + name)) {
                Tags tags = tags(key).and("scorer", name);
                gauge(cell, "evalstream_scorer_accuracy_ratio", "Correct / graded by one of the benchmark's scorers"
                        + " (the headline's is evalstream_score_accuracy_ratio)", tags,
                        live -> live.scorer(name, each -> each.estimates().accuracy().value()));
                gauge(cell, "evalstream_scorer_mean_ratio", "Mean score by one of the benchmark's scorers", tags,
                        live -> live.scorer(name, each -> each.estimates().meanScore().value()));
            }
        }
    }

    /** The gauges of the run this cell belongs to, of its model overall and of its category, where the run is led. */
    private void rollupGauges(LiveRun run, ScoreKey key, BenchmarkScore score) {
        if (!ownership.leads(key.runId())) {
            return;
        }
        runGauges(run, key.runId());
        if (run.firstTime("model:" + key.modelId())) {
            var member = LiveRun.ofModel(key.modelId());
            Tags tags = Tags.of("run", key.runId(), "model", key.modelId());
            runGauge(run, "evalstream_overall_score_mean_ratio", "Mean of the model's benchmark mean scores (each"
                    + " benchmark weighs the same)", tags, live -> live.benchmarkMean(member));
            runGauge(run, "evalstream_overall_score_stderr_ratio", "Standard error of the overall score", tags,
                    live -> live.benchmarkMeanStdErr(member));
            // A counter (exported as evalstream_cost_usd_total): spend only grows, but it is read from the cells'
            // latest answers, so a replaced grade moves it to the new answer's cost rather than adding it.
            run.trackRunMeter(FunctionCounter.builder("evalstream_cost_usd", run, live -> live.costUsd(member))
                    .description("US dollars the model's latest answers of the run cost (priced tasks only)")
                    .tags(tags).register(registry));
        }
        if (score != null && score.cell().category() != null
                && run.firstTime("category:" + key.modelId() + "/" + score.cell().category())) {
            var member = LiveRun.ofCategory(key.modelId(), score.cell().category());
            Tags tags = Tags.of("run", key.runId(), "model", key.modelId(), "category", score.cell().category().name());
            runGauge(run, "evalstream_category_score_mean_ratio", "Mean of the category's benchmark mean scores"
                    + " (each benchmark weighs the same)", tags, live -> live.benchmarkMean(member));
            runGauge(run, "evalstream_category_score_stderr_ratio", "Standard error of the category score", tags,
                    live -> live.benchmarkMeanStdErr(member));
        }
    }

    private void runGauges(LiveRun run, String runId) {
        if (ownership.leads(runId) && run.firstTime("run")) {
            runGauge(run, "evalstream_run_eta_seconds", "Seconds until the run is fully graded at its pace so far;"
                    + " 0 when complete", Tags.of("run", runId), live -> live.etaSeconds(clock.instant()));
        }
    }

    private LiveRun run(String runId) {
        LiveRun run = runs.computeIfAbsent(runId, id -> new LiveRun());
        runGauges(run, runId);
        return run;
    }

    private LiveCell cell(LiveRun run, ScoreKey key) {
        return run.cell(key, created -> register(run, created));
    }

    private LiveCell register(LiveRun run, ScoreKey key) {
        LiveCell cell = new LiveCell();
        CELL_GAUGES.forEach(spec -> gauge(cell, spec.name(), spec.help(), tags(key), spec.value()));
        for (String quantile : QUANTILES) {
            double q = Double.parseDouble(quantile);
            gauge(cell, LATENCY, "Model-call latency of the graded tasks at a quantile (log-bucketed estimate)",
                    tags(key).and("quantile", quantile), live -> live.latencySeconds(q));
        }
        rollupGauges(run, key, null);
        return cell;
    }

    private void gauge(LiveCell cell, String name, String help, Tags tags, ToDoubleFunction<LiveCell> value) {
        cell.track(Gauge.builder(name, cell, value).description(help).tags(tags).strongReference(true)
                .register(registry));
    }

    private void runGauge(LiveRun run, String name, String help, Tags tags, ToDoubleFunction<LiveRun> value) {
        run.trackRunMeter(Gauge.builder(name, run, value).description(help).tags(tags).strongReference(true)
                .register(registry));
    }

    private static Tags tags(ScoreKey key) {
        return Tags.of("run", key.runId(), "model", key.modelId(), "benchmark", key.benchmarkId());
    }
}
