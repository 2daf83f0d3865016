package org.sistercities.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class HealthAndMetricsTest {

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
}
