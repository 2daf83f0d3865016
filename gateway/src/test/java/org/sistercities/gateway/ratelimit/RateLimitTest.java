package org.sistercities.gateway.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.sistercities.gateway.Credentials;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class RateLimitTest {

    @Inject
    Credentials credentials;

    @Test
    void aKeyBeyondItsRolesBurstGets429WithRetryAfter() {
        // Test limits for viewer: a burst of 20, then one a minute.
        String key = Credentials.bearer(credentials.key("viewer"));
        for (int i = 0; i < 20; i++) {
            given().header("Authorization", key).get("/api/v1/countries").then().statusCode(200)
                    .header("RateLimit-Limit", "20")
                    .header("RateLimit-Remaining", notNullValue());
        }
        given().header("Authorization", key).get("/api/v1/countries").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sistercities.org/problems/rate-limited"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("RateLimit-Remaining", "0")
                .header("RateLimit-Reset", notNullValue());
        // Another key of the same role has its own bucket.
        given().header("Authorization", Credentials.bearer(credentials.key("viewer"))).get("/api/v1/countries")
                .then().statusCode(200);
    }

    @Test
    void theDashboardsFilesAreNotCountedAgainstTheCallersLimit() {
        // One dashboard page load is about twenty files; a whole office behind one address loads it.
        String key = Credentials.bearer(credentials.key("viewer"));
        for (int i = 0; i < 25; i++) {
            given().header("Authorization", key).get(i % 2 == 0 ? "/" : "/dashboard/app.js").then().statusCode(200)
                    .header("RateLimit-Limit", nullValue());
        }
        given().header("Authorization", key).get("/api/v1/countries").then().statusCode(200)
                .header("RateLimit-Remaining", "19");
    }
}
