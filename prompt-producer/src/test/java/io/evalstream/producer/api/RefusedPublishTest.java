package io.evalstream.producer.api;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import io.evalstream.broker.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A run whose tasks Kafka will not take gets 503 saying it may be resubmitted, never a 202 (issue 25). Here every task
 * record is larger than the producer may send (max.request.size 64 bytes), so each send fails with
 * RecordTooLargeException, as it would on a topic whose max.message.bytes is too small.
 */
@QuarkusTest
@TestProfile(RefusedPublishTest.TinyRecords.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@Tag("integration")
class RefusedPublishTest {

    /** The tasks channel refuses every record a run has. */
    public static final class TinyRecords implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.tasks.max.request.size", "64");
        }
    }

    @Test
    void aRunKafkaRefusesGets503SayingItMayBeResubmitted() {
        String runId = "refused-" + UUID.randomUUID();

        Authorized.given().contentType(ContentType.JSON)
                .body("{\"runId\": \"" + runId + "\", \"models\": [\"m\"], \"benchmarks\": [{\"id\": \"gsm8k\", \"limit\": 2}]}")
                .post("/runs").then().statusCode(503)
                .body("error", allOf(containsString("could not publish run '" + runId + "' to Kafka"),
                        containsString("RecordTooLargeException"), containsString("Resubmit the same spec")));
    }
}
