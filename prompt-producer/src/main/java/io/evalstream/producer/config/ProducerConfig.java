package io.evalstream.producer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings of the prompt-producer. */
@ConfigMapping(prefix = "evalstream.producer")
public interface ProducerConfig {

    /**
     * A directory laid out like {@code ../shared/datasets} ({@code gsm8k/test.jsonl}, {@code mmlu/test/<s>_test.csv},
     * ...), searched first for every benchmark's files. Unset, or lacking a benchmark's files: the samples in the jar.
     */
    Optional<Path> datasetsDir();

    /**
     * A directory of benchmark definitions ({@code *.yaml}, {@code *.yml}) added to the built-in ones; one with a
     * built-in's id replaces it. Also searched for data files, after {@link #datasetsDir()}.
     */
    Optional<Path> benchmarksDir();

    /**
     * The JSON price file the model workers read too ({@code evalstream.worker.price-file}), for the projected cost of
     * a run; unset, projections give tokens and calls but no cost.
     */
    Optional<Path> priceFile();

    Publish publish();

    /** How tasks go to Kafka. */
    interface Publish {

        /** Tasks sent but not yet acknowledged, per run; bounds memory while keeping the producer's batches full. */
        @WithDefault("1024")
        int concurrency();

        /** How long a submission may take until every task is acknowledged; past it the request gets 503. */
        @WithDefault("2m")
        Duration timeout();
    }
}
