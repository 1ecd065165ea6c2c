package io.evalstream.aggregator.export;

import io.evalstream.contracts.KafkaClients;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads chosen records of one topic (grades, or the completions they point at) by position, with a plain consumer
 * that joins no group and commits nothing (read_committed, so records of aborted transactions are never returned).
 * <p>
 * Cost: for each partition, every record from the lowest wanted offset to the highest is fetched, so reading a
 * run costs the range its records span (other runs' records published meanwhile included), not just its own.
 * Memory holds one poll's records at a time.
 */
final class TopicRecords implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final String noun;
    private final Duration stallTimeout;

    /** @param noun what the records are, for the reasons given to {@link Missing}: "grade", "completion" */
    TopicRecords(KafkaClients kafka, String topic, String noun, Duration stallTimeout) {
        this.consumer = kafka.consumer("evalstream-aggregator-export", Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // A wanted offset already deleted makes the seek fall back to the log start, not fail.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        this.topic = topic;
        this.noun = noun;
        this.stallTimeout = stallTimeout;
    }

    /** Why a wanted offset was not read. */
    interface Missing {
        void at(long offset, String why);
    }

    /**
     * Hands every wanted record of one partition to {@code found} as it is read, in offset order, and names
     * each wanted offset that could not be read, with the reason, to {@code missing}.
     *
     * @param wanted offsets ascending, not empty
     */
    void read(int partition, long[] wanted, BiConsumer<Long, byte[]> found, Missing missing) {
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        long start = consumer.beginningOffsets(List.of(tp)).get(tp);
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        long last = wanted[wanted.length - 1];
        BitSet seen = new BitSet(wanted.length);
        boolean stalled = false;
        if (Math.max(start, wanted[0]) < end) {
            consumer.seek(tp, Math.max(start, wanted[0]));
            stalled = !readUntil(tp, Math.min(last, end - 1), wanted, seen, found);
        }
        for (int i = seen.nextClearBit(0); i < wanted.length; i = seen.nextClearBit(i + 1)) {
            missing.at(wanted[i], why(tp, wanted[i], start, end, stalled));
        }
    }

    /** @return false when the partition stopped yielding records for longer than the stall timeout */
    private boolean readUntil(TopicPartition tp, long last, long[] wanted, BitSet seen,
            BiConsumer<Long, byte[]> found) {
        long progressAt = System.nanoTime();
        while (consumer.position(tp) <= last) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            if (records.isEmpty()) {
                if (System.nanoTime() - progressAt > stallTimeout.toNanos()) {
                    return false;
                }
                continue;
            }
            progressAt = System.nanoTime();
            for (ConsumerRecord<String, byte[]> record : records.records(tp)) {
                int at = Arrays.binarySearch(wanted, record.offset());
                if (record.offset() <= last && at >= 0 && !seen.get(at)) {
                    seen.set(at);
                    found.accept(record.offset(), record.value());
                }
            }
        }
        return true;
    }

    private String why(TopicPartition tp, long offset, long start, long end, boolean stalled) {
        String record = noun + " record " + tp + "@" + offset;
        if (offset < start) {
            return "the " + record + " was deleted (retention): the partition now starts at offset " + start;
        }
        if (offset >= end) {
            return "the partition ends at offset " + end + ", before the " + record + " (was the topic recreated?)";
        }
        return stalled ? "the partition yielded no record for " + stallTimeout + " before the " + record
                : "no committed " + record;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
