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
     * A directory laid out like {@code ../shared/datasets} ({@code gsm8k/test.jsonl}, {@code gsm8k/train.jsonl},
     * {@code mmlu/test/<subject>_test.csv}, {@code mmlu/dev/<subject>_dev.csv}). Unset: the samples in the jar.
     */
    Optional<Path> datasetsDir();

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
