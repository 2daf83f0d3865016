package org.sistercities.partnerships.partnership;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.sistercities.partnerships.Fixtures.asAdmin;

/** What HostileInputIT found here: values PostgreSQL cannot hold came back as a 500. */
@QuarkusTest
class HostileInputTest {

    @Test
    void aChangedSinceBeyondWhatTheDatabaseHoldsIsAProblemNotAServerError() {
        asAdmin().urlEncodingEnabled(false).get("/api/v1/partnerships?changedSince=%2B999999999-12-31T23:59:59Z")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://sistercities.org/problems/validation"))
                .body("status", equalTo(400));
    }

    @Test
    void aSearchTextWithANulCharacterIsAProblemNotAServerError() {
        asAdmin().urlEncodingEnabled(false).get("/api/v1/communities?q=Spring%00field")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400));
    }
}
