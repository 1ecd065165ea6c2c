package io.evalstream.aggregator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The per-sample export ({@code GET /runs/{runId}/samples}). Its own mapping beside {@link AggregatorConfig} so
 * the export can be merged without touching that interface; the keys live under the same prefix.
 */
@ConfigMapping(prefix = "evalstream.aggregator.export")
public interface ExportConfig {

    /**
     * How long reading one partition of the grades topic may go without a record before the export gives up on
     * that partition; the samples not read by then are exported with {@code "unavailable"}.
     */
    @WithDefault("30s")
    Duration stallTimeout();
}
