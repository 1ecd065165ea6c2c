package io.evalstream.worker.messaging;

import io.evalstream.contracts.Topics;
import io.evalstream.worker.openai.batch.BatchLane;
import io.evalstream.worker.resilience.WorkShare;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Keeps {@link WorkShare} equal to the tasks partitions this replica owns, on every rebalance of the tasks channel
 * (named by {@code mp.messaging.incoming.tasks.consumer-rebalance-listener.name}): so the rate budgets follow the
 * replicas that are alive now, whatever KEDA or a crash did to their number; and tells the batch lane which
 * partitions' batches are this replica's to resume.
 */
@ApplicationScoped
@Identifier(TasksShare.NAME)
public class TasksShare implements KafkaConsumerRebalanceListener {

    static final String NAME = "evalstream-tasks-share";
    private static final Logger LOG = Logger.getLogger(TasksShare.class);

    private final WorkShare share;
    private final BatchLane batches;

    TasksShare(WorkShare share, BatchLane batches) {
        this.share = share;
        this.batches = batches;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        update(consumer, Set.of());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        update(consumer, partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        update(consumer, partitions);
    }

    private void update(Consumer<?, ?> consumer, Collection<TopicPartition> leaving) {
        Set<TopicPartition> owned = new HashSet<>(consumer.assignment());
        owned.removeAll(leaving);
        // The batch lane resumes the recorded batches of the partitions this replica owns, and only those.
        batches.own(owned.stream().filter(partition -> partition.topic().equals(Topics.TASKS))
                .map(TopicPartition::partition).collect(Collectors.toSet()));
        int total = consumer.partitionsFor(Topics.TASKS).size();
        WorkShare.Share now = new WorkShare.Share((int) owned.stream()
                .filter(partition -> partition.topic().equals(Topics.TASKS)).count(), total);
        if (!now.equals(share.current())) {
            LOG.infof("This replica owns %d of the %d partitions of %s: it takes that share of every model's rate"
                    + " budget", now.owned(), now.total(), Topics.TASKS);
            share.set(now);
        }
    }
}
