package io.evalstream.aggregator.metrics;

import io.evalstream.aggregator.streams.BoundedRocksDbMemory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What the state stores hold in memory against their budget ({@link BoundedRocksDbMemory}), outside the heap where
 * the JVM's own gauges do not look: {@code evalstream_rocksdb_memory_bytes{kind="used"|"budget"}}.
 */
@ApplicationScoped
class RocksDbMemoryGauges {

    void register(@Observes StartupEvent startup, MeterRegistry registry) {
        Gauge.builder("evalstream.rocksdb.memory", BoundedRocksDbMemory::usedBytes).baseUnit("bytes")
                .description("Bytes RocksDB holds in its shared cache: data blocks, memtables, index and filter blocks")
                .tag("kind", "used").register(registry);
        Gauge.builder("evalstream.rocksdb.memory", () -> {
            BoundedRocksDbMemory.Budget budget = BoundedRocksDbMemory.budget();
            return budget == null ? 0 : budget.totalBytes();
        }).baseUnit("bytes").description("The shared cache's capacity: the stores' whole memory budget")
                .tag("kind", "budget").register(registry);
    }
}
