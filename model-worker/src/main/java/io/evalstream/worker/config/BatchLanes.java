package io.evalstream.worker.config;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.evalstream.worker.metrics.WorkerMetrics;
import io.evalstream.worker.openai.batch.BatchLane;
import io.evalstream.worker.openai.batch.BatchModel;
import io.evalstream.worker.openai.batch.BatchSettings;
import io.evalstream.worker.pricing.Pricing;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * The batch lane of the models configured with {@code openai.batch=true}; its completions go to the completions topic
 * through a producer of this service's {@code kafka.*} settings, priced (at the model's batch price) and counted like
 * every other completion.
 */
@Singleton
final class BatchLanes {

    private static final Logger LOG = Logger.getLogger(BatchLanes.class);
    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);

    private KafkaProducer<String, byte[]> producer;

    @Produces
    @Singleton
    BatchLane lane(WorkerConfig config, KafkaClients kafka, WorkerMetrics metrics, Pricing pricing) {
        List<BatchModel> models = new ArrayList<>();
        config.models().forEach((id, model) -> model.openai().filter(WorkerConfig.OpenAi::batch).ifPresent(openai -> {
            try {
                WorkerConfig.Batching batching = openai.batching();
                models.add(new BatchModel(id, Backends.endpoint(id, model, Backends.policy(id, model, config)),
                        new BatchSettings(batching.maxRequests(), batching.maxBytes(), batching.maxWait(),
                                batching.pollInterval(), batching.completionWindow())));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("model '" + id + "' is misconfigured: evalstream.worker.models." + id
                        + ".openai." + e.getMessage(), e);
            }
        }));
        // A worker with no batch model keeps no producer of its own.
        producer = models.isEmpty() ? null : kafka.producer("batch-completions-" + UUID.randomUUID(), Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 25, ProducerConfig.ACKS_CONFIG, "all"));
        BatchLane lane = new BatchLane(models, kafka, Topics.BATCHES,
                Math.max(1, config.maxInFlight() / 2), unpriced -> {
            Completion completion = pricing.priced(unpriced);
            CompletableFuture<Void> acked = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(Topics.COMPLETIONS, completion.taskId().toString(),
                    COMPLETIONS.encode(completion)), (metadata, failure) -> {
                        if (failure == null) {
                            metrics.started();
                            metrics.finished(completion);
                            acked.complete(null);
                        } else {
                            acked.completeExceptionally(failure);
                        }
                    });
            return acked;
        });
        if (!models.isEmpty()) {
            LOG.infof("Serving models %s through their providers' Batch API", lane.models());
        }
        return lane;
    }

    void close(@Disposes BatchLane lane) {
        lane.close();
        if (producer != null) {
            producer.close();
        }
    }
}
