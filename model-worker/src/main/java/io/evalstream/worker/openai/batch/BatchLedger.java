package io.evalstream.worker.openai.batch;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TopicAdmin;
import io.evalstream.contracts.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The record of every batch in flight, on a compacted topic: written (every part acked by all in-sync replicas)
 * before the batch's tasks are acked, read back by the owner of a tasks partition when it is assigned, tombstoned once
 * the batch's completions are written. A batch's parts go to the topic's partition {@code tasks partition mod n}, so
 * one partition of it is read to resume one partition of tasks.
 */
final class BatchLedger implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BatchLedger.class);
    private static final WireFormat<BatchRecord> RECORDS = WireFormat.of(BatchRecord.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_DEADLINE = Duration.ofMinutes(2);

    /**
     * A batch in flight, whole: every part of its record read or written.
     *
     * @param batchId the provider's id, from part 0; null while the batch is not known to be created
     */
    record Batch(String batchId, String inputFileId, String modelId, int partition, int parts, Instant submittedAt,
            List<PromptTask> tasks) {

        static Batch of(List<BatchRecord> parts) {
            List<BatchRecord> ordered = parts.stream().sorted(Comparator.comparingInt(BatchRecord::part)).toList();
            BatchRecord first = ordered.get(0);
            return new Batch(first.batchId(), first.inputFileId(), first.modelId(), first.partition(), first.parts(),
                    first.submittedAt(), ordered.stream().flatMap(part -> part.tasks().stream()).toList());
        }

        /** The parts of its record (split as when it was first written). */
        List<BatchRecord> records() {
            return BatchRecord.parts(batchId, modelId, inputFileId, partition, submittedAt, tasks,
                    BatchRecord.PART_BYTES);
        }

        Batch created(String id) {
            return new Batch(id, inputFileId, modelId, partition, parts, submittedAt, tasks);
        }
    }

    private final KafkaClients kafka;
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    BatchLedger(KafkaClients kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
        this.producer = kafka.producer("batch-ledger-" + UUID.randomUUID(), Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicAdmin.MAX_MESSAGE_BYTES));
    }

    /** Writes every part; completes when the broker has acked them all. */
    CompletionStage<Void> write(List<BatchRecord> parts) {
        int target = target(parts.get(0).partition());
        return all(parts.stream().map(part -> send(new ProducerRecord<>(topic, target, part.key(),
                RECORDS.encode(part)))).toList());
    }

    /** Tombstones every part of a finished batch. */
    CompletionStage<Void> clear(Batch batch) {
        int target = target(batch.partition());
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int part = 0; part < batch.parts(); part++) {
            sends.add(send(new ProducerRecord<>(topic, target, BatchRecord.key(batch.inputFileId(), part), null)));
        }
        return all(sends);
    }

    /**
     * The whole batches of one tasks partition and these models, read from the beginning to the end the topic has
     * now. Blocking: called on a virtual thread when the partition is assigned.
     */
    List<Batch> read(int partition, Set<String> models) {
        Map<String, BatchRecord> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("batch-ledger-read-" + UUID.randomUUID(), Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false))) {
            TopicPartition source = new TopicPartition(topic, target(partition, consumer));
            consumer.assign(List.of(source));
            consumer.seekToBeginning(List.of(source));
            long end = consumer.endOffsets(List.of(source)).get(source);
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (consumer.position(source) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " partition " + source.partition()
                            + " to its end within " + READ_DEADLINE);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    keep(latest, record);
                }
            }
        }
        Map<String, List<BatchRecord>> byBatch = latest.values().stream()
                .filter(part -> part.partition() == partition && models.contains(part.modelId()))
                .collect(Collectors.groupingBy(BatchRecord::inputFileId));
        List<Batch> whole = new ArrayList<>();
        byBatch.forEach((id, parts) -> {
            if (parts.size() == parts.get(0).parts()) {
                whole.add(Batch.of(parts));
            } else {
                // A worker stopped while writing them: its tasks were never acked, so they come again.
                LOG.warnf("Batch %s has %d of its %d record parts on %s; its tasks are redelivered instead", id,
                        parts.size(), parts.get(0).parts(), topic);
            }
        });
        return whole;
    }

    private static void keep(Map<String, BatchRecord> latest, ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            latest.remove(record.key());
        } else if (RECORDS.decode(record.value()) instanceof Decoded.Valid<BatchRecord> valid
                && valid.value().key().equals(record.key())) {
            latest.put(record.key(), valid.value());
        }
    }

    private int target(int partition) {
        return Math.floorMod(partition, producer.partitionsFor(topic).size());
    }

    private int target(int partition, KafkaConsumer<String, byte[]> consumer) {
        return Math.floorMod(partition, consumer.partitionsFor(topic).size());
    }

    private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        producer.send(record, (metadata, failure) -> {
            if (failure == null) {
                acked.complete(null);
            } else {
                acked.completeExceptionally(failure);
            }
        });
        return acked;
    }

    private static CompletionStage<Void> all(List<CompletableFuture<Void>> sends) {
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
