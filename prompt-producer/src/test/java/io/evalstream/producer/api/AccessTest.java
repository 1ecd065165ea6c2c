package io.evalstream.producer.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.broker.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may call what: a bearer token for runs and benchmarks, metrics and health open, bodies and headers capped. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@Tag("integration")
class AccessTest {

    private static final String SPEC = "{\"runId\":\"access-denied\",\"models\":[\"m\"],\"benchmarks\":[{\"id\":\"gsm8k\"}]}";

    @ParameterizedTest(name = "{0} {1} with [{2}]")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            POST | /runs             | NONE
            POST | /runs             | Basic dGVzdC10b2tlbi1wcm9kdWNlcjp4
            POST | /runs             | Bearer wrong-token-sk-canary-7
            POST | /runs             | Bearer test-token-producerX
            GET  | /runs/some-run    | NONE
            GET  | /runs/some-run    | test-token-producer
            GET  | /runs/some-run    | Bearer test-token-aggregator
            GET  | /benchmarks       | NONE
            GET  | /benchmarks       | Token test-token-producer
            GET  | /benchmarks       | Bearer TEST-TOKEN-PRODUCER
            """)
    void aRequestWithoutAnAcceptedBearerTokenGets401SayingHowToAuthenticate(String method, String path,
            String authorization) {
        RequestSpecification request = RestAssured.given().contentType(ContentType.JSON).body(SPEC);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        Response response = request.request(method, path);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.contentType()).startsWith("application/json");
        String error = response.jsonPath().getString("error");
        assertThat(error).contains("Authorization: Bearer <token>").contains("EVALSTREAM_AUTH_TOKEN");
        if (authorization != null) {
            assertThat(response.asString()).doesNotContain(authorization.substring(authorization.indexOf(' ') + 1));
        }
    }

    @ParameterizedTest(name = "token {0}")
    @CsvSource({"test-token-producer", "test-token-rotated"})
    void everyConfiguredTokenIsAccepted(String token) {
        RestAssured.given().auth().oauth2(token).get("/benchmarks").then().statusCode(200);
        RestAssured.given().auth().oauth2(token).get("/runs/never-submitted-here").then().statusCode(404);
        RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).body("{").post("/runs").then()
                .statusCode(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/q/metrics", "/q/health", "/q/health/live", "/q/health/ready"})
    void metricsAndHealthNeedNoToken(String path) {
        RestAssured.given().get(path).then().statusCode(200);
    }

    @Test
    void aRunSpecOverTheBodyLimitGets413() {
        String oversize = "{\"runId\":\"huge\",\"models\":[\"" + "m".repeat(1_100_000) + "\"],\"benchmarks\":[]}";

        Response response = Authorized.given().contentType(ContentType.JSON).body(oversize).post("/runs");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.jsonPath().getString("error")).contains("at most 1048576 bytes")
                .contains("quarkus.http.limits.max-body-size");
    }

    @Test
    void headersOverTheLimitAreRefused() {
        Response response = Authorized.given().header("X-Padding", "p".repeat(20_000)).get("/benchmarks");

        assertThat(response.statusCode()).isIn(413, 431);
    }
}
