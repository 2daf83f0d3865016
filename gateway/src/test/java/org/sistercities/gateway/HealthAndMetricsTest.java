package org.sistercities.gateway;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class HealthAndMetricsTest {

    @Inject
    Credentials credentials;

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void metricsArePrometheusAndCountSignatures() {
        given().get("/auth/jwks.json").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sci_gateway_tokens_signed_total"))
                .body(containsString("http_server_requests_seconds"));
    }

    /** One timer per route, not one per partnership: a proxied path's ids must not become metric labels. */
    @Test
    void proxiedPathsDoNotTurnIntoMetricLabels() {
        String id = UUID.randomUUID().toString();
        given().header("Authorization", Credentials.bearer(credentials.key("viewer")))
                .get("/api/v1/partnerships/" + id).then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("uri=\"/api/v1/partnerships/*\""))
                .body(not(containsString(id)));
    }

    /** A request refused before any route matched (here by the access policy) is timed without its path. */
    @Test
    void refusedPathsDoNotTurnIntoMetricLabels() {
        String id = UUID.randomUUID().toString();
        given().get("/api/v1/admin/api-keys/" + id).then().statusCode(401);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("uri=\"UNKNOWN\""))
                .body(not(containsString(id)));
    }
}
