package io.evalstream.worker.messaging;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.WireFormat;
import io.evalstream.worker.openai.batch.BatchLane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One worker replica's batch path on plain clients, so a test can stop one and start another in one JVM: a consumer
 * in a group on a tasks topic hands every task to its {@link BatchLane} (told of every rebalance, as the worker's
 * TasksShare tells it) and commits a poll's offsets once the lane has recorded all of its tasks, as the worker acks
 * them. Commits stop after {@code commitLimit} tasks: a replica killed before it committed the rest.
 */
final class LaneWorker implements AutoCloseable {

    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final BatchLane lane;
    private final String topic;
    private final int commitLimit;
    private final AtomicInteger recorded = new AtomicInteger();
    private final AtomicInteger owned = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;
    private int committed;

    LaneWorker(String bootstrapServers, String topic, String group, BatchLane lane, int commitLimit) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.lane = lane;
        this.topic = topic;
        this.commitLimit = commitLimit;
        this.thread = Thread.ofPlatform().name("lane-worker").start(this::run);
    }

    /** Tasks this replica saw recorded in a batch (its own or, after a restart, one it resumed). */
    int recorded() {
        return recorded.get();
    }

    /** Tasks partitions assigned to this replica now. */
    int owned() {
        return owned.get();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    owned.set(consumer.assignment().size());
                    lane.own(consumer.assignment().stream().map(TopicPartition::partition)
                            .collect(Collectors.toSet()));
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    owned.set(0);
                    lane.own(java.util.Set.of());
                }
            });
            while (running) {
                serve(consumer.poll(Duration.ofMillis(200)));
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void serve(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<CompletableFuture<Boolean>> accepted = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        int count = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (TASKS.decode(record.value()) instanceof Decoded.Valid<PromptTask> valid) {
                accepted.add(lane.accept(valid.value(), record.partition()).toCompletableFuture());
                offsets.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
                count++;
            }
        }
        if (count == 0) {
            return;
        }
        try {
            CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the lane did not record a poll's tasks within 60 s", e);
        }
        recorded.addAndGet((int) accepted.stream().filter(CompletableFuture::join).count());
        if (committed + count <= commitLimit) {
            consumer.commitSync(offsets);
            committed += count;
        }
    }

    /** Stops consuming and the lane, as a kill would: batches in flight are left to whoever owns their partition. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        lane.close();
    }
}
