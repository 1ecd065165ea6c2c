package io.evalstream.aggregator.messaging;

import io.evalstream.aggregator.streams.Manifests;
import io.evalstream.contracts.DeadLetter;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.TopicAdmin;
import io.evalstream.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Writes every record of the runs topic that is not a valid manifest to the dead-letter topic, once: the manifest
 * store of the topology is a global store, which reads the whole topic on every start and has no output. A consumer
 * group of its own commits each batch only after its dead letters are acknowledged, so none is lost or repeated
 * (short of a crash between the two). It counts them too: this consumer, not the topology's global store (which reads
 * the whole topic again at every start), sees each invalid manifest once.
 */
@ApplicationScoped
public class ManifestDeadLetters {

    static final String GROUP = "evalstream-aggregator-runs";
    private static final Logger LOG = Logger.getLogger(ManifestDeadLetters.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaClients kafka;
    private final Counter invalid;
    private final Counter deadLettered;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    ManifestDeadLetters(KafkaClients kafka, MeterRegistry registry) {
        this.kafka = kafka;
        this.invalid = Counter.builder("evalstream_invalid_manifests")
                .description("Records of the runs topic skipped because they are not valid run manifests")
                .register(registry);
        this.deadLettered = Counter.builder("evalstream_dead_letters")
                .description("Records written to the dead-letter topic").tag("topic", Topics.RUNS).register(registry);
    }

    void start(@Observes StartupEvent event) {
        thread = Thread.ofPlatform().daemon().name("manifest-dead-letters").start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(Duration.ofSeconds(10));
    }

    private void run() {
        try (var reader = kafka.consumer(GROUP, Map.of(ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        // The topology's start creates the topic, compacted; the broker's defaults would not be.
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
             var writer = kafka.producer(GROUP + "-dlq", Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        TopicAdmin.MAX_MESSAGE_BYTES))) {
            consumer = reader;
            reader.subscribe(List.of(Topics.RUNS));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    Optional<String> rejection = Manifests.rejection(record.key(), record.value());
                    if (rejection.isPresent()) {
                        deadLetter(writer, record, rejection.get());
                    }
                }
                reader.commitSync();
            }
        } catch (WakeupException e) {
            // stopping
        } catch (Exception e) {
            LOG.errorf(e, "Dead-lettering invalid run manifests stopped; invalid manifests are still skipped (see the"
                    + " WARN lines) but no longer copied to %s until the aggregator restarts", Topics.DLQ);
        }
    }

    private void deadLetter(KafkaProducer<String, byte[]> writer, ConsumerRecord<String, byte[]> record, String reason)
            throws Exception {
        var headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetter.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        writer.send(new ProducerRecord<>(Topics.DLQ, null, record.key(), record.value(), headers))
                .get(60, TimeUnit.SECONDS);
        invalid.increment();
        deadLettered.increment();
    }
}
