package org.sistercities.policy.version;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sistercities.policy.Fixtures;

import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.sistercities.policy.Fixtures.asAdmin;

/** What HostileInputIT found here: text with NUL characters reached PostgreSQL and came back as a 500. */
@QuarkusTest
class HostileInputTest {

    @Test
    void aVersionTitleWithANulCharacterIsRefusedAndNothingChanges() {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("hostile"), null);
        String title = asAdmin().get("/api/v1/policies/{id}/versions/1", id).then().statusCode(200).extract().path("title");

        asAdmin().contentType("application/json").body("{\"title\":\"Spring\\u0000field\"}")
                .patch("/api/v1/policies/{id}/versions/1", id)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://sistercities.org/problems/validation"))
                .body("status", equalTo(400));

        asAdmin().get("/api/v1/policies/{id}/versions/1", id).then().statusCode(200).body("title", equalTo(title));
    }

    @Test
    void aDocumentReferenceWithANulCharacterIsAProblemNotAServerError() {
        asAdmin().urlEncodingEnabled(false).get("/api/v1/policies/%00/versions")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400));
    }
}
