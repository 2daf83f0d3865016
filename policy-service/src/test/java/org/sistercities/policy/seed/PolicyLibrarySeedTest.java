package org.sistercities.policy.seed;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.sistercities.policy.Fixtures;
import org.sistercities.policy.document.PolicyDocument;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class PolicyLibrarySeedTest {

    @Inject
    PolicyLibrarySeed seed;

    @Test
    void theTwoSciDocumentsArePublishedAtStartWithTheirApplicability() {
        given().get("/api/v1/policies/political-suspension-policy/versions/1").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("title", equalTo("Political Suspension/Cancellation Policy for Sister Cities"))
                .body("appliesTo.statuses", equalTo(List.of("SUSPENDED", "TERMINATED")))
                .body("appliesTo.reasonCategories", equalTo(List.of("POLITICAL")))
                .body("appliesTo.countries", hasSize(0));
        given().get("/api/v1/policies/ceo-statement-russia-2022-03-01/versions/1").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("appliesTo.statuses", equalTo(List.of("UNDER_REVIEW", "SUSPENDED", "TERMINATED")))
                .body("appliesTo.reasonCategories", hasSize(0))
                .body("appliesTo.countries", equalTo(List.of("RU")));
        given().get("/api/v1/policies/ceo-statement-russia-2022-03-01").then().body("owner", equalTo("Sister Cities International"));
    }

    @Test
    void theSeedTextsAreKeptVerbatimAndTheirPdfsCarryTheText() {
        String body = given().get("/api/v1/policies/ceo-statement-russia-2022-03-01/versions/1").then().extract().path("body");
        assertThat(body).startsWith("# SCI CEO Statement on Russia Relationships").contains("Dear Fellow Citizen Diplomats");
        byte[] pdf = given().get("/api/v1/policies/ceo-statement-russia-2022-03-01/pdf").then().statusCode(200).extract().asByteArray();
        assertThat(Fixtures.textOf(pdf)).contains("SCI CEO Statement on Russia Relationships", "Dear Fellow Citizen Diplomats");
        byte[] policy = given().get("/api/v1/policies/political-suspension-policy/pdf").then().statusCode(200).extract().asByteArray();
        assertThat(Fixtures.textOf(policy)).contains("Political Suspension/Cancellation Policy", "peace through mutual respect");
    }

    @Test
    void loadingAgainChangesNothing() {
        long before = PolicyDocument.count();
        assertThat(seed.load()).isZero();
        assertThat(PolicyDocument.count()).isEqualTo(before);
        given().get("/api/v1/policies/political-suspension-policy/versions").then().body("", hasSize(1));
    }
}
