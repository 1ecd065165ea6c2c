package io.evalstream.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.broker.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reports and exports hold prompts and completions: a bearer token for all of them; metrics and health open. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@Tag("integration")
class AccessTest {

    @ParameterizedTest(name = "{0} with [{1}]")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            /runs                              | NONE
            /runs/some-run                     | Bearer wrong-token-sk-canary-9
            /runs/some-run/report              | NONE
            /runs/some-run/report?format=csv   | Basic dGVzdC10b2tlbi1hZ2dyZWdhdG9y
            /runs/some-run/samples             | Bearer test-token-aggregatorX
            /runs/some-run/samples             | test-token-aggregator
            /runs/some-run/compare?a=x&b=y     | NONE
            /runs/some-run/sensitivity         | Bearer test-token-producer
            /runs/some-run/scaling             | Bearer
            """)
    void aRequestWithoutAnAcceptedBearerTokenGets401SayingHowToAuthenticate(String path, String authorization) {
        RequestSpecification request = RestAssured.given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        Response response = request.get(path);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("error")).contains("Authorization: Bearer <token>")
                .contains("EVALSTREAM_AUTH_TOKEN");
        if (authorization != null && authorization.contains(" ")) {
            assertThat(response.asString()).doesNotContain(authorization.substring(authorization.indexOf(' ') + 1));
        }
    }

    @Test
    void theConfiguredTokenIsAccepted() {
        Authorized.given().get("/runs").then().statusCode(200);
        Authorized.given().get("/runs/bad id").then().statusCode(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/q/metrics", "/q/health", "/q/health/live", "/q/health/ready"})
    void metricsAndHealthNeedNoToken(String path) {
        // Readiness waits for the Streams stores; the point is that no token is asked for.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> RestAssured.given().get(path).then().statusCode(200));
    }

    @Test
    void aBodyOverTheLimitAndHeadersOverTheLimitAreRefused() {
        assertThat(Authorized.given().body("x".repeat(100_000)).post("/runs").statusCode()).isEqualTo(413);
        assertThat(Authorized.given().header("X-Padding", "p".repeat(20_000)).get("/runs").statusCode())
                .isIn(413, 431);
    }
}
