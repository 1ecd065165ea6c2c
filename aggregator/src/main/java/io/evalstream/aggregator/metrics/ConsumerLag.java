package io.evalstream.aggregator.metrics;

import io.evalstream.contracts.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag per (group, topic) and end offsets per topic, read from the broker with the admin client. Lag is
 * what KEDA scales workers on and what tells whether a stage keeps up; the dead-letter topic's end offset says
 * whether anything was dead-lettered by any service. Only the pipeline's topics and groups are watched, so the
 * label sets stay bounded.
 */
final class ConsumerLag implements AutoCloseable {

    static final List<String> TOPICS = List.of(Topics.TASKS, Topics.COMPLETIONS, Topics.GRADES, Topics.DLQ,
            Topics.RUNS);
    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final MeterRegistry registry;
    private final List<String> groups;
    private final ConcurrentMap<Tags, AtomicLong> values = new ConcurrentHashMap<>();

    ConsumerLag(Admin admin, MeterRegistry registry, List<String> groups) {
        this.admin = admin;
        this.registry = registry;
        this.groups = List.copyOf(groups);
    }

    /** Reads end offsets and every watched group's committed offsets once, and updates the gauges. */
    void refresh() throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, Long> ends = endOffsets();
        ends.entrySet().stream().collect(Collectors.groupingBy(entry -> entry.getKey().topic(),
                Collectors.summingLong(Map.Entry::getValue)))
                .forEach((topic, end) -> set("evalstream_topic_end_offset", "Sum over partitions of the topic's end"
                        + " offset (records ever written)", Tags.of("topic", topic), end));
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Long> lag = new HashMap<>();
            ends.forEach((partition, end) -> {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset != null) {
                    lag.merge(partition.topic(), Math.max(0, end - offset.offset()), Long::sum);
                }
            });
            lag.forEach((topic, records) -> set("evalstream_consumer_lag_records", "Records of the topic the consumer"
                    + " group has not committed yet (sum over partitions)", Tags.of("group", group, "topic", topic),
                    records));
        }
    }

    private Map<TopicPartition, Long> endOffsets()
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> topics = admin.describeTopics(TOPICS).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = topics.values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(request).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private void set(String name, String help, Tags tags, long value) {
        values.computeIfAbsent(tags.and("name", name), key -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::get).description(help).tags(tags).register(registry);
            return holder;
        }).set(value);
    }

    @Override
    public void close() {
        admin.close();
    }
}
