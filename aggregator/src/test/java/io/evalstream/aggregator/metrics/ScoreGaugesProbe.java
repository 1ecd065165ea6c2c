package io.evalstream.aggregator.metrics;

import io.evalstream.reports.Fixtures;
import io.evalstream.contracts.BenchmarkScore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/** The gauges of one score as {@code /q/metrics} renders them: Prometheus's text format. */
public final class ScoreGaugesProbe {

    private ScoreGaugesProbe() {
    }

    public static String scrape(BenchmarkScore score) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ScoreGauges(registry, new MutableClock(Fixtures.T0), Duration.ofMinutes(15), Duration.ofHours(24))
                .scoreChanged(score);
        return registry.scrape();
    }
}
