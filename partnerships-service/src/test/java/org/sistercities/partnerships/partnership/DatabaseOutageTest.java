package org.sistercities.partnerships.partnership;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.sistercities.partnerships.Fixtures;
import org.sistercities.testsupport.PostgresTestResource;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.sistercities.partnerships.Fixtures.asAdmin;

/** The fault suite's finding: with PostgreSQL down, a request answered 500; it is a retryable 503. */
@QuarkusTest
class DatabaseOutageTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void whileTheDatabaseIsDownRequestsAnswer503WithRetryAfterAndAfterItsRestartTheyAreServedAgain() {
        UUID id = Fixtures.partnership("RU");
        asAdmin().get("/api/v1/partnerships/{id}", id).then().statusCode(200);

        PostgresTestResource.stopServer();
        try {
            asAdmin().get("/api/v1/partnerships/{id}", id).then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("type", containsString("service-unavailable"))
                    .body("status", equalTo(503));
        } finally {
            PostgresTestResource.startServer();
            // Connections the restart cut would each fail one later request (of another test class) first.
            dataSource.flush(AgroalDataSource.FlushMode.ALL);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asAdmin().get("/api/v1/partnerships/{id}", id).then().statusCode(200));
    }
}
