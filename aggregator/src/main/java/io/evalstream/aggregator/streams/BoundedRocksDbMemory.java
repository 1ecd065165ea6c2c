package io.evalstream.aggregator.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the aggregator, however many tasks it has seen and however many
 * partitions it holds: Kafka's "bounded memory" recipe. By default each store instance (one per store and
 * partition: a dozen here) gets its own 50 MB block cache and three 16 MB memtables, and keeps the index and
 * filter blocks of every file it writes in native memory outside any cache, so resident memory grows with the
 * data. Here all of them share one LRU cache that also holds the memtables (through a
 * {@link WriteBufferManager}) and the index and filter blocks, so the total stays at {@link Budget#totalBytes()}.
 *
 * <p>Kafka Streams creates this class by name ({@code rocksdb.config.setter}) once per store instance; the cache
 * must be shared, so it lives in a static field, sized by the first store opened in the JVM.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Streams config key: bytes for the block cache, memtables, index and filter blocks of all stores together. */
    public static final String TOTAL_BYTES_CONFIG = "evalstream.rocksdb.memory.bytes";

    private static Shared shared;

    /**
     * What the budget is split into.
     *
     * @param totalBytes     the cache's capacity: blocks, memtables, index and filter blocks together
     * @param memtableBytes  the part memtables may take before the stores must flush to disk
     * @param memtableSize   one memtable's size; small enough that a dozen stores each fit two in the budget
     */
    public record Budget(long totalBytes, long memtableBytes, long memtableSize) {

        static final long MIN_TOTAL = 16L << 20;
        private static final int STORE_INSTANCES = 12;

        /** The budget the Streams config gives, or an error naming {@link #TOTAL_BYTES_CONFIG} when it is unusable. */
        public static Budget from(Map<String, Object> configs) {
            Object total = configs.get(TOTAL_BYTES_CONFIG);
            if (total == null) {
                throw new IllegalArgumentException(TOTAL_BYTES_CONFIG + " is not set; give the stores a memory budget"
                        + " in bytes (kafka-streams." + TOTAL_BYTES_CONFIG + " in application.properties)");
            }
            return of(total);
        }

        /** The split of {@code total}, or an error naming {@link #TOTAL_BYTES_CONFIG} when it is unusable. */
        static Budget of(Object total) {
            long bytes;
            try {
                bytes = Long.parseLong(String.valueOf(total).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(TOTAL_BYTES_CONFIG + " must be a number of bytes (e.g. 134217728"
                        + " for 128 MiB), not '" + total + "'");
            }
            if (bytes < MIN_TOTAL) {
                throw new IllegalArgumentException(TOTAL_BYTES_CONFIG + " is " + bytes + " bytes; RocksDB needs at"
                        + " least " + MIN_TOTAL + " (16 MiB) for the stores' memtables and index blocks");
            }
            long memtables = bytes / 2;
            return new Budget(bytes, memtables, Math.min(16L << 20, memtables / (2 * STORE_INSTANCES)));
        }
    }

    private record Shared(Budget budget, Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        // Index and filter blocks count against the budget too, kept ahead of data blocks in the cache.
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(memory.budget().memtableSize());
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager serve every store of the JVM: they live as long as it does.
    }

    private static synchronized Shared shared(Map<String, Object> configs) {
        if (shared == null) {
            Budget budget = Budget.from(configs);
            // A tenth of the cache is kept for index and filter blocks, so data blocks cannot push them out.
            Cache cache = new LRUCache(budget.totalBytes(), -1, false, 0.1);
            shared = new Shared(budget, cache, new WriteBufferManager(budget.memtableBytes(), cache));
        }
        return shared;
    }

    /** The budget in force; null before the first store opened. */
    public static synchronized Budget budget() {
        return shared == null ? null : shared.budget();
    }

    /** Bytes the shared cache holds now (blocks, memtables, index and filter blocks); 0 before the first store. */
    public static synchronized long usedBytes() {
        return shared == null ? 0 : shared.cache().getUsage();
    }
}
