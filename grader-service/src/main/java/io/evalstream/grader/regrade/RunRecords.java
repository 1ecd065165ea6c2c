package io.evalstream.grader.regrade;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.WireFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The latest valid record per task id of one run on a topic keyed by task id, read from the earliest offset the
 * broker still has to the end offsets as they were when the read began, so a run still being written cannot keep
 * the read going. A task's records all sit on one partition, in order, so the last one read is its latest.
 */
final class RunRecords {

    private static final Duration POLL = Duration.ofMillis(200);

    private RunRecords() {
    }

    /**
     * @param wanted which task ids to keep (the run's, of the asked model and benchmark)
     * @param within how long the whole read may take before it gives up
     * @throws IllegalStateException when the topic could not be read to its end in time
     */
    static <T> Map<String, T> latest(KafkaConsumer<String, byte[]> consumer, String topic, WireFormat<T> format,
            Predicate<String> wanted, Duration within) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, within).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, within));
        Map<String, T> latest = new HashMap<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (partitions.stream().anyMatch(partition -> consumer.position(partition, within) < end.get(partition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end within " + within
                        + "; try again, or give --benchmark/--model to read less");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.key() != null && wanted.test(record.key())
                        && format.decode(record.value()) instanceof Decoded.Valid<T> valid) {
                    latest.put(record.key(), valid.value());
                }
            }
        }
        return latest;
    }
}
