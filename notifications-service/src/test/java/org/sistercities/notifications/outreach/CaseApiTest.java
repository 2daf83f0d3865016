package org.sistercities.notifications.outreach;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sistercities.notifications.support.Api;
import org.sistercities.notifications.support.Events;
import org.sistercities.testsupport.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.sistercities.notifications.support.Api.as;
import static org.sistercities.notifications.support.Api.asAdmin;
import static org.sistercities.notifications.support.Api.awaitCase;
import static org.sistercities.notifications.support.Api.awaitMails;

@QuarkusTest
class CaseApiTest {

    private static UUID brazilCase;
    private static UUID argentinaCase;

    @BeforeEach
    void twoCasesInTwoCountries() {
        if (brazilCase == null) {
            Events.Partnership brazil = Events.Partnership.in("BR");
            Events.Partnership argentina = Events.Partnership.in("AR");
            Events.publish(brazil.change("ACTIVE", "SUSPENDED", "POLITICAL", 2));
            Events.publish(argentina.change("ACTIVE", "UNDER_REVIEW", "FUNDING", 2));
            brazilCase = UUID.fromString(awaitCase(brazil.id(), 1, "OPEN").getString("summary.id"));
            argentinaCase = UUID.fromString(awaitCase(argentina.id(), 1, "OPEN").getString("summary.id"));
        }
    }

    @Test
    void everyEndpointRefusesARequestWithoutAValidToken() {
        given().get("/api/v1/outreach/cases").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/outreach/cases/{id}", brazilCase).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("text", "x")).post("/api/v1/outreach/cases/{id}/notes", brazilCase)
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("outcome", "KEPT")).post("/api/v1/outreach/cases/{id}/resolve", brazilCase)
                .then().statusCode(401);
        given().get("/api/v1/outreach/statistics").then().statusCode(401);
        as(TestTokens.unknownKeyToken()).get("/api/v1/outreach/cases").then().statusCode(401);
    }

    @Test
    void viewersMunicipalitiesAndServicesMayNotSeeCasesWhichNameTheirRecipients() {
        for (String token : List.of(TestTokens.viewer(), TestTokens.municipality(UUID.randomUUID()), TestTokens.service())) {
            as(token).get("/api/v1/outreach/cases").then().statusCode(403).contentType("application/problem+json");
            as(token).get("/api/v1/outreach/cases/{id}", brazilCase).then().statusCode(403);
            as(token).body(Map.of("text", "x")).post("/api/v1/outreach/cases/{id}/notes", brazilCase).then().statusCode(403);
            as(token).body(Map.of("outcome", "KEPT")).post("/api/v1/outreach/cases/{id}/resolve", brazilCase).then().statusCode(403);
            as(token).get("/api/v1/outreach/statistics").then().statusCode(403);
        }
    }

    @Test
    void aCountryRepresentativeSeesAndActsOnTheCasesOfItsCountriesOnly() {
        String brazilRep = TestTokens.countryRep("BR");
        List<String> countries = as(brazilRep).queryParam("limit", 200).get("/api/v1/outreach/cases")
                .then().statusCode(200).extract().path("items.partnerCity.country");
        assertThat(countries).contains("BR").containsOnly("BR");
        as(brazilRep).get("/api/v1/outreach/cases/{id}", brazilCase).then().statusCode(200)
                .body("recipients.email", hasItem("rep-br@sci.example"));
        as(brazilRep).get("/api/v1/outreach/cases/{id}", argentinaCase).then().statusCode(403);
        as(brazilRep).body(Map.of("text", "x")).post("/api/v1/outreach/cases/{id}/notes", argentinaCase).then().statusCode(403);
        as(brazilRep).body(Map.of("outcome", "KEPT")).post("/api/v1/outreach/cases/{id}/resolve", argentinaCase).then().statusCode(403);
        as(brazilRep).queryParam("country", "AR").get("/api/v1/outreach/statistics").then().statusCode(403);
        as(brazilRep).get("/api/v1/outreach/statistics").then().statusCode(200)
                .body("country", hasItem("BR")).body("country", not(hasItem("AR")));
    }

    @Test
    void theListFiltersByStatusCountryOutcomeAndOpeningTimeAndPagesWithACursor() {
        asAdmin().queryParam("country", "AR").queryParam("status", "OPEN").queryParam("limit", 200).get("/api/v1/outreach/cases")
                .then().statusCode(200).body("items.id", hasItem(argentinaCase.toString()))
                .body("items.id", not(hasItem(brazilCase.toString())));
        asAdmin().queryParam("openedFrom", "2999-01-01T00:00:00Z").get("/api/v1/outreach/cases")
                .then().statusCode(200).body("items.size()", equalTo(0));
        asAdmin().queryParam("outcome", "TERMINATED").queryParam("country", "BR").get("/api/v1/outreach/cases")
                .then().statusCode(200).body("items.id", not(hasItem(brazilCase.toString())));
        String next = asAdmin().queryParam("limit", 1).get("/api/v1/outreach/cases").then().statusCode(200)
                .body("items.size()", equalTo(1)).extract().path("nextCursor");
        asAdmin().queryParam("limit", 1).queryParam("cursor", next).get("/api/v1/outreach/cases").then().statusCode(200)
                .body("items.size()", equalTo(1));
        asAdmin().queryParam("country", "Brazil").get("/api/v1/outreach/cases").then().statusCode(400);
        asAdmin().queryParam("cursor", "garbage!").get("/api/v1/outreach/cases").then().statusCode(400);
        asAdmin().queryParam("status", "MAYBE").get("/api/v1/outreach/cases").then().statusCode(404);
    }

    @Test
    void staffNotesAreKeptOnTheCaseWithTheirAuthor() {
        as(TestTokens.countryRep("BR")).body(Map.of("text", "Called the mayor's office; a vote is planned for May."))
                .post("/api/v1/outreach/cases/{id}/notes", brazilCase).then().statusCode(201).body("author", equalTo("test-country-rep"));

        asAdmin().get("/api/v1/outreach/cases/{id}", brazilCase).then().statusCode(200)
                .body("notes.text", hasItem("Called the mayor's office; a vote is planned for May."));
        asAdmin().body(Map.of("text", " ")).post("/api/v1/outreach/cases/{id}/notes", brazilCase).then().statusCode(400)
                .body("type", equalTo("https://sistercities.org/problems/validation"));
        asAdmin().body(Map.of("text", "x")).post("/api/v1/outreach/cases/{id}/notes", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aManualResolutionRecordsTheOutcomeThanksTheCommunityAndCannotBeRepeated() {
        Events.Partnership partnership = Events.Partnership.in("MX");
        Events.publish(partnership.change("ACTIVE", "UNDER_REVIEW", "POLITICAL", 2));
        UUID caseId = UUID.fromString(awaitCase(partnership.id(), 1, "OPEN").getString("summary.id"));
        awaitMails(caseId, "CASE_OPENED", 3);

        asAdmin().header("Idempotency-Key", "resolve-" + caseId).body(Map.of("outcome", "KEPT", "note", "Council voted to keep the tie"))
                .post("/api/v1/outreach/cases/{id}/resolve", caseId).then().statusCode(200)
                .body("summary.status", equalTo("RESOLVED")).body("summary.outcome", equalTo("KEPT"))
                .body("resolvedBy", equalTo("test-hq-admin")).body("resolutionNote", equalTo("Council voted to keep the tie"));
        asAdmin().header("Idempotency-Key", "resolve-" + caseId).body(Map.of("outcome", "KEPT", "note", "Council voted to keep the tie"))
                .post("/api/v1/outreach/cases/{id}/resolve", caseId).then().statusCode(200).header("Idempotent-Replayed", "true");
        asAdmin().body(Map.of("outcome", "TERMINATED")).post("/api/v1/outreach/cases/{id}/resolve", caseId).then().statusCode(409)
                .body("outcome", equalTo("KEPT"));

        assertThat(awaitMails(caseId, "CASE_RESOLVED", 3)).hasSize(3);
        asAdmin().body(Map.of("outcome", "MAYBE")).post("/api/v1/outreach/cases/{id}/resolve", brazilCase).then().statusCode(400);
        asAdmin().body(Map.of()).post("/api/v1/outreach/cases/{id}/resolve", brazilCase).then().statusCode(400);
        asAdmin().body(Map.of("outcome", "KEPT")).post("/api/v1/outreach/cases/{id}/resolve", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void statisticsCountCasesPerCountryAndMonthWithTheirOutcomes() {
        Events.Partnership kept = Events.Partnership.in("CL");
        Events.Partnership open = Events.Partnership.in("CL");
        Events.publish(kept.change("ACTIVE", "UNDER_REVIEW", "POLITICAL", 2));
        Events.publish(open.change("ACTIVE", "SUSPENDED", "POLITICAL", 2));
        awaitCase(kept.id(), 1, "OPEN");
        awaitCase(open.id(), 1, "OPEN");
        Events.publish(kept.change("UNDER_REVIEW", "ACTIVE", "POLITICAL", 3));
        awaitCase(kept.id(), 1, "RESOLVED");

        List<Map<String, Object>> rows = asAdmin().queryParam("country", "CL").get("/api/v1/outreach/statistics")
                .then().statusCode(200).extract().path("$");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("country", "CL").containsEntry("opened", 2).containsEntry("kept", 1)
                .containsEntry("reinstated", 0).containsEntry("stillOpen", 1);
        assertThat((String) rows.get(0).get("period")).matches("\\d{4}-\\d{2}");
        asAdmin().queryParam("from", "not-a-time").get("/api/v1/outreach/statistics").then().statusCode(404);
    }
}
