package io.evalstream.worker.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the beginning, without a consumer group, keeping the records of one run. */
final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String keyPrefix;
    private final List<ConsumerRecord<String, byte[]>> kept = new ArrayList<>();

    TopicReader(String bootstrapServers, String topic, String runId) {
        this.keyPrefix = runId + "/";
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what the topic holds now and returns every record of the run read so far. */
    List<ConsumerRecord<String, byte[]>> poll() {
        ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
        while (!batch.isEmpty()) {
            for (ConsumerRecord<String, byte[]> record : batch) {
                if (record.key() != null && record.key().startsWith(keyPrefix)) {
                    kept.add(record);
                }
            }
            batch = consumer.poll(Duration.ofMillis(50));
        }
        return List.copyOf(kept);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
