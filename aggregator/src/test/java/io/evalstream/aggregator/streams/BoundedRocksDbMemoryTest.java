package io.evalstream.aggregator.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

/** Every RocksDB store of the JVM draws on one budget: one cache, one write buffer manager. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BoundedRocksDbMemoryTest {

    private static final long MIB = 1L << 20;

    @ParameterizedTest(name = "{0} bytes -> memtables {1} MiB, one memtable {2} bytes")
    @CsvSource({
            // total,      memtable budget (MiB), one memtable (bytes)
            "134217728,    64,                    2796202",
            "16777216,     8,                     349525",
            "' 67108864 ', 32,                    1398101",
            // Above 768 MiB of memtables, one memtable stops at RocksDB's default of 16 MiB.
            "2147483648,   1024,                  16777216",
    })
    void theBudgetIsSplitBetweenMemtablesAndBlocks(String total, long memtableMib, long memtableSize) {
        BoundedRocksDbMemory.Budget budget = BoundedRocksDbMemory.Budget.of(total);

        assertThat(budget.totalBytes()).isEqualTo(Long.parseLong(total.trim()));
        assertThat(budget.memtableBytes()).isEqualTo(memtableMib * MIB);
        assertThat(budget.memtableSize()).isEqualTo(memtableSize);
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource({
            "128M,      must be a number of bytes",
            "'',        must be a number of bytes",
            "1.5e8,     must be a number of bytes",
            "16777215,  needs at least 16777216",
            "0,         needs at least 16777216",
            "-134217728, needs at least 16777216",
    })
    void anUnusableBudgetNamesTheSettingAndWhatToGive(String total, String reason) {
        assertThatThrownBy(() -> BoundedRocksDbMemory.Budget.of(total))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG)
                .hasMessageContaining(reason);
    }

    @Test
    void everyStoreSharesOneWriteBufferManagerAndCachesItsIndexAndFilterBlocks() {
        Map<String, Object> configs = Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, Long.toString(128 * MIB));
        try (Options tallies = new Options(); Options samples = new Options()) {
            // As Kafka Streams hands them over: with its block-based table config already set.
            tallies.setTableFormatConfig(new BlockBasedTableConfig());
            samples.setTableFormatConfig(new BlockBasedTableConfig());
            new BoundedRocksDbMemory().setConfig("tallies", tallies, configs);
            new BoundedRocksDbMemory().setConfig("latest-samples", samples, configs);

            BoundedRocksDbMemory.Budget budget = BoundedRocksDbMemory.budget();
            assertThat(budget).isNotNull();
            assertThat(tallies.writeBufferManager()).isNotNull().isSameAs(samples.writeBufferManager());
            assertThat(tallies.writeBufferSize()).isEqualTo(budget.memtableSize());
            assertThat(tallies.maxWriteBufferNumber()).isEqualTo(2);
            BlockBasedTableConfig table = (BlockBasedTableConfig) tallies.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
        }
    }

    @Test
    void aMissingBudgetNamesThePropertyToSet() {
        assertThatThrownBy(() -> BoundedRocksDbMemory.Budget.from(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafka-streams." + BoundedRocksDbMemory.TOTAL_BYTES_CONFIG);
    }
}
