package io.evalstream.stack;

import io.evalstream.contracts.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Reads topics the way an outside observer would: from the beginning, without a consumer group. */
final class TopicReader {

    private TopicReader() {
    }

    /** Every record currently on {@code topic}, read committed (so aborted transactional writes are left out). */
    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        return readAll(bootstrap, topic, "read_committed");
    }

    /** Every record currently on {@code topic}; {@code read_uncommitted} includes aborted transactional writes. */
    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, String isolationLevel) {
        return readAll(KafkaClients.plaintext(bootstrap), topic, isolationLevel);
    }

    /** As {@link #readAll(String, String)}, as whoever {@code kafka} logs in as. */
    static List<ConsumerRecord<String, byte[]>> readAll(KafkaClients kafka, String topic) {
        return readAll(kafka, topic, "read_committed");
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(KafkaClients kafka, String topic,
            String isolationLevel) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (var consumer = kafka.consumer("e2e-reader-" + UUID.randomUUID(), config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 2 minutes");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Records on {@code topic} that consumer group {@code group} has not committed yet. */
    static long lag(String bootstrap, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            long lag = 0;
            for (var entry : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(entry.getKey());
                lag += entry.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }
}
