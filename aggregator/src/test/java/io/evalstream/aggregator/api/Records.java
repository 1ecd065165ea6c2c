package io.evalstream.aggregator.api;

import static io.evalstream.aggregator.api.Authorized.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the aggregator's broker-backed tests do alike: publish records and wait for a run to be graded. */
final class Records {

    private Records() {
    }

    /**
     * Sends the records in order (a replacement grade reaches its partition after the grade it replaces) and
     * returns once the broker acknowledged every one, with where each went.
     */
    static List<RecordMetadata> send(String bootstrap, List<ProducerRecord<String, byte[]>> records)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
            List<RecordMetadata> acked = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> ack : sent) {
                acked.add(ack.get(30, TimeUnit.SECONDS));
            }
            return acked;
        }
    }

    /** Waits until the aggregator reports the run COMPLETE. */
    static void awaitComplete(String run, Duration deadline) {
        await().atMost(deadline).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/runs/" + run).then().statusCode(200).body("status", is("COMPLETE")));
    }
}
