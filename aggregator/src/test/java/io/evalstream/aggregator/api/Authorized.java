package io.evalstream.aggregator.api;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests as an authenticated client sends them: with the token the test profile configures. */
final class Authorized {

    static final String TOKEN = "test-token-aggregator";

    private Authorized() {
    }

    static RequestSpecification given() {
        return RestAssured.given().auth().oauth2(TOKEN);
    }
}
