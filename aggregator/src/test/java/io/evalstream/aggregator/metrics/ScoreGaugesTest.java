package io.evalstream.aggregator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.CorpusLikelihood;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.ScoreDetail;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.VerdictCounts;
import io.evalstream.reports.Fixtures;
import io.evalstream.reports.scoring.CallFactsTest;
import io.evalstream.reports.scoring.CellLabels;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.SampleCall;
import io.evalstream.reports.scoring.SampleDetail;
import io.evalstream.reports.scoring.SampleOrigin;
import io.evalstream.reports.scoring.ScoreSums;
import io.evalstream.reports.scoring.Scoring;
import io.evalstream.reports.scoring.Tally;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ScoreGaugesTest {

    private static final ScoreKey CELL = new ScoreKey("run-g", "sim-strong", "gsm8k");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final ScoreGauges gauges = new ScoreGauges(registry, clock, Duration.ofMinutes(15), Duration.ofHours(24));

    private double gauge(String name) {
        return registry.get(name).tags("run", CELL.runId(), "model", CELL.modelId(), "benchmark", CELL.benchmarkId())
                .gauge().value();
    }

    private static GradedSample judged(ScoreKey cell, Map<String, Double> scores) {
        return GradedSample.of(cell, Verdict.JUDGED, 0.5, new CellLabels(Category.WRITING, "h"))
                .withDetail(SampleDetail.judged(scores, null));
    }

    private static Tally tally(long correct, long incorrect, long errors) {
        return Fixtures.tally(correct, incorrect, 0, errors, Category.MATH, "h");
    }

    @Test
    void aCellKnownOnlyFromItsManifestShowsExpectedAndZeroProgressButNoAccuracy() {
        gauges.manifestChanged(Fixtures.manifest("run-g", List.of("sim-strong"), List.of("gsm8k"), 40));

        assertThat(gauge("evalstream_expected_samples")).isEqualTo(40);
        assertThat(gauge("evalstream_graded_samples")).isZero();
        assertThat(gauge("evalstream_run_progress_ratio")).isZero();
        assertThat(gauge("evalstream_score_accuracy_ratio")).isNaN();
        assertThat(gauge("evalstream_score_ci95_lower_ratio")).isNaN();
        assertThat(gauge("evalstream_score_mean_ratio")).isNaN();
    }

    @Test
    void gaugesFollowTheLatestScoreAndTheManifestWhicheverComesFirst() {
        gauges.scoreChanged(Scoring.score(CELL, tally(5, 4, 1), null, Fixtures.T0));
        assertThat(gauge("evalstream_run_progress_ratio")).isNaN();
        assertThat(gauge("evalstream_expected_samples")).isNaN();

        gauges.manifestChanged(Fixtures.manifest("run-g", List.of("sim-strong"), List.of("gsm8k"), 20));
        gauges.scoreChanged(Scoring.score(CELL, tally(6, 4, 1), null, Fixtures.T0));

        assertThat(gauge("evalstream_graded_samples")).isEqualTo(11);
        assertThat(gauge("evalstream_correct_samples")).isEqualTo(6);
        assertThat(gauge("evalstream_error_samples")).isEqualTo(1);
        assertThat(gauge("evalstream_run_progress_ratio")).isEqualTo(0.55);
        assertThat(gauge("evalstream_score_accuracy_ratio")).isCloseTo(6.0 / 11, within(1e-12));
        assertThat(gauge("evalstream_score_ci95_lower_ratio")).isLessThan(6.0 / 11);
        assertThat(gauge("evalstream_score_ci95_upper_ratio")).isGreaterThan(6.0 / 11);
        assertThat(gauge("evalstream_score_mean_ratio")).isCloseTo(6.0 / 11, within(1e-12));
        // The anytime-valid interval pays for being watchable: it holds the fixed-n Wilson interval.
        assertThat(gauge("evalstream_score_anytime95_lower_ratio"))
                .isLessThan(gauge("evalstream_score_ci95_lower_ratio"));
        assertThat(gauge("evalstream_score_anytime95_upper_ratio"))
                .isGreaterThan(gauge("evalstream_score_ci95_upper_ratio"));
    }

    @Test
    void theMeanScoreGaugeShowsPartialCreditBesideAccuracy() {
        Tally partial = Tally.ofCounts(new VerdictCounts(1, 3, 0, 0, 0), new ScoreSums(2.0, 1.5),
                new CellLabels(Category.COMPREHENSION, "h"));

        gauges.scoreChanged(Scoring.score(CELL, partial, null, Fixtures.T0));

        assertThat(gauge("evalstream_score_accuracy_ratio")).isEqualTo(0.25);
        assertThat(gauge("evalstream_score_mean_ratio")).isEqualTo(0.5);
    }

    @Test
    void theGaugesShowWhatTheStoreHoldsNowWhateverTheyShowedBefore() {
        ScoreKey other = new ScoreKey("run-g", "sim-weak", "gsm8k");
        // A tally read before a transaction aborted may be ahead of the one restored from the changelog.
        gauges.show(Map.of(CELL, tally(9, 0, 0)));

        gauges.show(Map.of(CELL, tally(1, 0, 0), other, tally(2, 1, 0)));

        assertThat(gauge("evalstream_graded_samples")).isEqualTo(1);
        assertThat(registry.get("evalstream_graded_samples").tags("model", "sim-weak").gauge().value()).isEqualTo(3);
    }

    @Test
    void aManifestReadAgainFromTheStoreDoesNotBringAnExpiredRunBackButAChangedOneIsApplied() {
        RunManifest manifest = Fixtures.manifest("run-g", List.of("sim-strong"), List.of("gsm8k"), 2);
        gauges.manifests(Map.of("run-g", manifest));
        clock.advance(Duration.ofHours(25));
        assertThat(gauges.expire()).containsExactly("run-g");

        gauges.manifests(Map.of("run-g", manifest));
        assertThat(registry.find("evalstream_expected_samples").gauges()).isEmpty();

        gauges.manifests(Map.of("run-g", Fixtures.manifest("run-g", List.of("sim-strong"), List.of("gsm8k"), 7)));
        assertThat(gauge("evalstream_expected_samples")).isEqualTo(7);
    }

    @Test
    void aJudgedCellHasAJudgeScoreGaugePerDimensionAndNoAccuracy() {
        ScoreKey stories = new ScoreKey("run-g", "stories260K", "stories");
        Tally judged = Tally.EMPTY
                .add(judged(stories, Map.of("grammar", 8.0, "creativity", 4.0)))
                .add(judged(stories, Map.of("grammar", 6.0, "creativity", 5.0)));

        gauges.show(Map.of(stories, judged));
        Tally more = judged.add(judged(stories, Map.of("grammar", 10.0, "creativity", 6.0)));
        gauges.scoreChanged(Scoring.score(stories, more, null, Fixtures.T0));

        assertThat(judgeScore(stories, "grammar")).isEqualTo(8.0);
        assertThat(judgeScore(stories, "creativity")).isEqualTo(5.0);
        assertThat(registry.get("evalstream_judge_score_mean").gauges()).hasSize(2);
        assertThat(registry.get("evalstream_judged_samples").tags("model", "stories260K").gauge().value())
                .isEqualTo(3);
        assertThat(registry.get("evalstream_score_accuracy_ratio").tags("model", "stories260K").gauge().value())
                .isNaN();
    }

    private double judgeScore(ScoreKey cell, String dimension) {
        return registry.get("evalstream_judge_score_mean").tags("run", cell.runId(), "model", cell.modelId(),
                "benchmark", cell.benchmarkId(), "dimension", dimension).gauge().value();
    }

    @Test
    void callFactsCategoryOverallAndEtaHaveTheirGauges() {
        gauges.manifestChanged(Fixtures.manifest("run-g", List.of("sim-strong"), List.of("gsm8k", "mmlu"), 10));
        long t0 = Fixtures.T0.toEpochMilli();
        Tally gsm8k = Tally.EMPTY.add(CallFactsTest.sample(Verdict.CORRECT, null, 100, 50, t0))
                .add(CallFactsTest.sample(Verdict.ERROR, ErrorKind.TIMEOUT, 200, 0, t0 + 10_000));
        ScoreKey mmlu = new ScoreKey("run-g", "sim-strong", "mmlu");
        clock.advance(Duration.ofSeconds(10));

        gauges.scoreChanged(Scoring.score(CELL, gsm8k, null, clock.instant()));
        gauges.scoreChanged(Scoring.score(mmlu, Fixtures.tally(3, 1, 0, 0, Category.KNOWLEDGE, "h"), null,
                clock.instant()));

        assertThat(registry.get("evalstream_error_kind_samples").tags("kind", "timeout").gauge().value()).isEqualTo(1);
        assertThat(registry.get("evalstream_answer_latency_seconds").tags("benchmark", "gsm8k", "quantile", "0.99")
                .gauge().value()).isCloseTo(0.2, within(0.01));
        assertThat(gauge("evalstream_prompt_tokens")).isEqualTo(50);
        assertThat(gauge("evalstream_score_mean_stderr_ratio")).isCloseTo(0.5, within(1e-12));
        assertThat(registry.get("evalstream_category_score_mean_ratio").tags("category", "MATH").gauge().value())
                .isEqualTo(0.5);
        assertThat(registry.get("evalstream_overall_score_mean_ratio").tags("model", "sim-strong").gauge().value())
                .isCloseTo((0.5 + 0.75) / 2, within(1e-12));
        // 6 of 20 graded, the first 10 s ago (mmlu's tally has no grade times): 14 remaining at 0.6 tasks/s.
        assertThat(registry.get("evalstream_run_eta_seconds").tags("run", "run-g").gauge().value())
                .isCloseTo(14 * 10.0 / 6, within(1e-9));
    }

    @Test
    void everyErrorKindGetsItsGaugeAndNoReasonBecomesALabel() {
        long t0 = Fixtures.T0.toEpochMilli();
        Tally errors = Tally.EMPTY;
        for (ErrorKind kind : ErrorKind.values()) {
            errors = errors.add(CallFactsTest.sample(Verdict.ERROR, kind, 100, 0, t0));
        }

        gauges.scoreChanged(Scoring.score(CELL, errors, null, clock.instant()));

        for (ErrorKind kind : ErrorKind.values()) {
            assertThat(registry.get("evalstream_error_kind_samples").tags("kind", kind.name().toLowerCase(Locale.ROOT))
                    .gauge().value()).as("%s", kind).isEqualTo(1);
        }
        // A reason is unbounded text: it must never become a label.
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
                .noneMatch(tag -> tag.getValue().startsWith("failed:")));
    }

    @Test
    void aFinishedRunLeavesTheEndpointAfterItsTimeToLiveAndAnUnfinishedOneStays() {
        gauges.manifestChanged(Fixtures.manifest("run-g", List.of("sim-strong"), List.of("gsm8k"), 2));
        gauges.manifestChanged(Fixtures.manifest("run-open", List.of("sim-strong"), List.of("gsm8k"), 5));
        gauges.scoreChanged(Scoring.score(CELL, tally(2, 0, 0), null, clock.instant()));
        gauges.scoreChanged(Scoring.score(new ScoreKey("run-open", "sim-strong", "gsm8k"), tally(1, 0, 0), null,
                clock.instant()));

        clock.advance(Duration.ofMinutes(14));
        assertThat(gauges.expire()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(gauges.expire()).containsExactly("run-g");

        assertThat(registry.find("evalstream_graded_samples").tags("run", "run-g").gauges()).isEmpty();
        assertThat(registry.find("evalstream_run_eta_seconds").tags("run", "run-g").gauges()).isEmpty();
        assertThat(registry.find("evalstream_overall_score_mean_ratio").tags("run", "run-g").gauges()).isEmpty();
        assertThat(registry.find("evalstream_graded_samples").tags("run", "run-open").gauges()).hasSize(1);

        clock.advance(Duration.ofHours(24));
        assertThat(gauges.expire()).as("idle for a day").containsExactly("run-open");
    }

    @Test
    void aRunFinishedLongBeforeARestartExpiresAtTheFirstCheck() {
        long longAgo = Fixtures.T0.minus(Duration.ofDays(2)).toEpochMilli();
        Tally finished = Tally.EMPTY.add(CallFactsTest.sample(Verdict.CORRECT, null, 10, 1, longAgo));
        RunManifest manifest = Fixtures.manifest("run-g", List.of("sim-strong"), List.of("gsm8k"), 1);
        gauges.manifestChanged(new RunManifest(1, manifest.spec(), manifest.expected(), manifest.benchmarkSettings(),
                Fixtures.T0.minus(Duration.ofDays(2))));

        gauges.show(Map.of(CELL, finished));

        assertThat(gauges.expire()).containsExactly("run-g");
    }

    /**
     * Two instances splitting six partitions show each cell's series on exactly one of them and the run's on exactly
     * one, so sums over both are the counts and the leader's overall score covers every cell; when one instance takes
     * every partition over, it shows everything and the other nothing.
     */
    @Test
    void instancesSharingThePartitionsShowEachSeriesOnceAndFollowARebalance() {
        RunManifest manifest = Fixtures.manifest("run-s", List.of("sim-strong", "sim-weak"),
                List.of("gsm8k", "mmlu", "math", "humaneval", "drop", "triviaqa"), 10);
        Map<ScoreKey, Tally> all = new java.util.HashMap<>();
        Scoring.expectedCells(manifest).keySet().forEach(key -> all.put(key, tally(3, 1, 0)));
        SimpleMeterRegistry[] registries = {new SimpleMeterRegistry(), new SimpleMeterRegistry()};
        Ownership[] owned = {new Ownership(6, java.util.Set.of(0, 1, 2)), new Ownership(6, java.util.Set.of(3, 4, 5))};
        ScoreGauges[] instances = new ScoreGauges[2];
        for (int i = 0; i < 2; i++) {
            instances[i] = new ScoreGauges(registries[i], clock, Duration.ofMinutes(15), Duration.ofHours(24));
            instances[i].manifestChanged(manifest);
            Ownership mine = owned[i];
            instances[i].reconcile(mine, filter(all, mine), runId -> all);
        }

        for (ScoreKey key : all.keySet()) {
            assertThat(java.util.Arrays.stream(registries).filter(r -> !r.find("evalstream_expected_samples")
                    .tags("run", key.runId(), "model", key.modelId(), "benchmark", key.benchmarkId()).gauges().isEmpty())
                    .count()).as("instances showing %s", key).isEqualTo(1);
        }
        assertThat(sum(registries, "evalstream_graded_samples")).isEqualTo(4.0 * all.size());
        assertThat(sum(registries, "evalstream_expected_samples")).isEqualTo(10.0 * all.size());
        assertThat(java.util.Arrays.stream(registries).mapToLong(r -> r.find("evalstream_run_eta_seconds").gauges()
                .size()).sum()).isEqualTo(1);
        assertThat(java.util.Arrays.stream(registries).flatMap(r -> r.find("evalstream_overall_score_mean_ratio")
                .tags("model", "sim-weak").gauges().stream()).map(g -> g.value()).toList())
                .as("one series, over every benchmark of the model").containsExactly(0.75);

        Ownership everything = new Ownership(6, java.util.Set.of(0, 1, 2, 3, 4, 5));
        instances[0].reconcile(everything, all, runId -> all);
        instances[1].reconcile(new Ownership(6, java.util.Set.of()), Map.of(), runId -> all);

        assertThat(registries[0].find("evalstream_expected_samples").gauges()).hasSize(all.size());
        assertThat(registries[1].find("evalstream_expected_samples").gauges()).isEmpty();
        assertThat(registries[1].find("evalstream_run_eta_seconds").gauges()).isEmpty();
        assertThat(sum(registries, "evalstream_graded_samples")).isEqualTo(4.0 * all.size());
        assertThat(registries[0].get("evalstream_overall_score_mean_ratio").tags("model", "sim-weak").gauge().value())
                .as("from its own cells now").isEqualTo(0.75);
    }

    @Test
    void theCostCounterPerRunAndModelSumsExactlyOverInstancesAndAnUnpricedModelShowsNoValue() {
        RunManifest manifest = Fixtures.manifest("run-c", List.of("sim-strong", "priced"),
                List.of("gsm8k", "mmlu", "math", "humaneval", "drop", "triviaqa"), 10);
        Map<ScoreKey, Tally> all = new java.util.HashMap<>();
        Scoring.expectedCells(manifest).keySet().forEach(key -> {
            io.evalstream.contracts.Spend spend = new io.evalstream.contracts.Spend(
                    key.modelId().equals("priced") ? 0.125 : null, io.evalstream.contracts.Lane.STANDARD);
            Tally tally = Tally.EMPTY;
            for (int i = 0; i < 4; i++) {
                tally = tally.add(GradedSample.of(key, Verdict.CORRECT, 1.0, new CellLabels(Category.MATH, "h"))
                        .withCall(SampleCall.took(10L, null).withSpend(spend))
                        .withOrigin(new SampleOrigin(Fixtures.T0.toEpochMilli(), null)));
            }
            all.put(key, tally);
        });
        io.micrometer.prometheus.PrometheusMeterRegistry[] registries = {
                new io.micrometer.prometheus.PrometheusMeterRegistry(
                        io.micrometer.prometheus.PrometheusConfig.DEFAULT),
                new io.micrometer.prometheus.PrometheusMeterRegistry(
                        io.micrometer.prometheus.PrometheusConfig.DEFAULT)};
        Ownership[] owned = {new Ownership(6, java.util.Set.of(0, 1, 2)), new Ownership(6, java.util.Set.of(3, 4, 5))};
        for (int i = 0; i < 2; i++) {
            ScoreGauges instance = new ScoreGauges(registries[i], clock, Duration.ofMinutes(15), Duration.ofHours(24));
            instance.manifestChanged(manifest);
            instance.reconcile(owned[i], filter(all, owned[i]), runId -> all);
        }

        // 6 benchmarks x 4 answers x $0.125, on the one instance leading the run
        assertThat(java.util.Arrays.stream(registries).flatMap(r -> r.find("evalstream_cost_usd")
                .tags("run", "run-c", "model", "priced").functionCounters().stream())
                .mapToDouble(c -> c.count()).sum()).isEqualTo(3.0);
        String scraped = registries[0].scrape() + registries[1].scrape();
        assertThat(scraped).contains("# TYPE evalstream_cost_usd_total counter")
                .containsPattern("evalstream_cost_usd_total\\{model=\"priced\",run=\"run-c\",?} 3.0");
        assertThat(java.util.Arrays.stream(registries).flatMap(r -> r.find("evalstream_cost_usd")
                .tags("model", "sim-strong").functionCounters().stream()).map(c -> c.count()).toList())
                .as("unknown, not 0").hasSize(1).allMatch(value -> value.isNaN());
    }

    private static Map<ScoreKey, Tally> filter(Map<ScoreKey, Tally> tallies, Ownership owned) {
        Map<ScoreKey, Tally> mine = new java.util.HashMap<>();
        tallies.forEach((key, tally) -> {
            if (owned.owns(key)) {
                mine.put(key, tally);
            }
        });
        return mine;
    }

    private static double sum(SimpleMeterRegistry[] registries, String name) {
        return java.util.Arrays.stream(registries).flatMap(r -> r.find(name).gauges().stream())
                .mapToDouble(g -> g.value()).sum();
    }

    @Test
    void aCellScoredByLikelihoodShowsBitsPerByteAndAccNormAndOthersShowNone() {
        BenchmarkScore plain = Scoring.score(CELL, tally(3, 1, 0), null, Fixtures.T0);
        gauges.scoreChanged(plain);
        assertThat(gauge("evalstream_score_bits_per_byte")).isNaN();
        assertThat(gauge("evalstream_score_acc_norm_ratio")).isNaN();

        ScoreDetail detail = plain.detail();
        gauges.scoreChanged(new BenchmarkScore(plain.schemaVersion(), plain.cell(), plain.counts(), plain.estimates(),
                plain.grading(), plain.updatedAt(), plain.calls(), new ScoreDetail(detail.judgeScores(),
                detail.anytime95(), new CorpusLikelihood(0.5, 1.42, 3.1, 4, -2000.0, 2033, 600), detail.scorers())));

        assertThat(gauge("evalstream_score_bits_per_byte")).isEqualTo(1.42);
        assertThat(gauge("evalstream_score_acc_norm_ratio")).isEqualTo(0.5);
    }
}
