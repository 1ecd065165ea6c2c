package io.evalstream.stack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/** What the broker says about a consumer group: who is in it and which partitions each member owns. */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    static int partitions(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    /** Per member of {@code group}, how many partitions of {@code topic} it is assigned; empty during a rebalance. */
    static List<Integer> assignments(String bootstrap, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get()
                    .get(group);
            return description.members().stream()
                    .map(member -> (int) member.assignment().topicPartitions().stream()
                            .filter(partition -> partition.topic().equals(topic)).count())
                    .toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe consumer group " + group, e.getCause());
        }
    }

    /** True when {@code group} has exactly {@code members} members, each owning part of all {@code partitions}. */
    static boolean settled(String bootstrap, String group, String topic, int members, int partitions)
            throws Exception {
        List<Integer> assigned = assignments(bootstrap, group, topic);
        return assigned.size() == members && assigned.stream().allMatch(count -> count > 0)
                && assigned.stream().mapToInt(Integer::intValue).sum() == partitions;
    }
}
