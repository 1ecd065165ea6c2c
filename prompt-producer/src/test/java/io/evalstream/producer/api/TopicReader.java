package io.evalstream.producer.api;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the beginning with a plain consumer (no group), as any outside client would. */
final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    TopicReader(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Records whose key matches, in topic order per partition, once at least {@code count} distinct keys arrived. */
    List<ConsumerRecord<String, byte[]>> readKeys(Predicate<String> key, int count, Duration deadline) {
        Map<String, ConsumerRecord<String, byte[]>> latest = new LinkedHashMap<>();
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        await().atMost(deadline).until(() -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key() != null && key.test(record.key())) {
                    latest.put(record.key(), record);
                    all.add(record);
                }
            }
            return latest.size() >= count;
        });
        return all;
    }

    /** Each partition's end offset now: one request, no waiting. */
    Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(consumer.assignment());
    }

    /**
     * Records whose key matches among those below {@code ends} (an earlier {@link #endOffsets}): what was on the topic
     * at that moment, whatever arrived since.
     */
    List<ConsumerRecord<String, byte[]>> readBelow(Map<TopicPartition, Long> ends, Predicate<String> key) {
        List<ConsumerRecord<String, byte[]>> below = new ArrayList<>();
        // The deadline only bounds reading what is already there; it is not a wait for more.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < ends.get(partition) && record.key() != null && key.test(record.key())) {
                    below.add(record);
                }
            }
            return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        });
        return below;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
