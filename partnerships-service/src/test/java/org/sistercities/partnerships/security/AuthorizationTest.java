package org.sistercities.partnerships.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sistercities.partnerships.Fixtures;
import org.sistercities.testsupport.TestTokens;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.sistercities.partnerships.Fixtures.as;
import static org.sistercities.partnerships.Fixtures.statusChange;

@QuarkusTest
class AuthorizationTest {

    private static final String CHANGES = "/api/v1/partnerships/{id}/status-changes";

    @Test
    void everyEndpointRefusesARequestWithoutAToken() {
        UUID id = Fixtures.partnership("RU");
        given().get("/api/v1/partnerships").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().get("/api/v1/partnerships/{id}", id).then().statusCode(401);
        given().get("/api/v1/partnerships/{id}/contacts", id).then().statusCode(401);
        given().get("/api/v1/partnerships/{id}/status-changes", id).then().statusCode(401);
        given().get("/api/v1/communities").then().statusCode(401);
        given().get("/api/v1/countries/RU/representatives").then().statusCode(401);
        given().contentType("application/json").body(statusChange("SUSPENDED")).post(CHANGES, id).then().statusCode(401);
    }

    @Test
    void forgedExpiredAndForeignTokensAreRefused() {
        UUID id = Fixtures.partnership("RU");
        as(TestTokens.unknownKeyToken()).get("/api/v1/partnerships/{id}", id).then().statusCode(401)
                .contentType("application/problem+json");
        as(TestTokens.builder().groups("hq-admin").expiresIn(Duration.ofSeconds(-60)).sign())
                .get("/api/v1/partnerships/{id}", id).then().statusCode(401);
        as(TestTokens.builder().groups("hq-admin").issuer("someone-else").sign())
                .get("/api/v1/partnerships/{id}", id).then().statusCode(401);
        as(TestTokens.builder().groups("hq-admin").audience("another-audience").sign())
                .get("/api/v1/partnerships/{id}", id).then().statusCode(401);
        given().header("Authorization", "Bearer not.a.jwt").get("/api/v1/partnerships/{id}", id).then().statusCode(401);
    }

    @Test
    void aViewerReadsButCannotChangeAnything() {
        UUID id = Fixtures.partnership("RU");
        as(TestTokens.viewer()).get("/api/v1/partnerships/{id}", id).then().statusCode(200);
        as(TestTokens.viewer()).body(statusChange("SUSPENDED")).post(CHANGES, id).then()
                .statusCode(403).contentType("application/problem+json");
        as(TestTokens.viewer()).get("/api/v1/partnerships/{id}/contacts", id).then().statusCode(403);
        as(TestTokens.viewer()).body(Map.of("name", "X", "kind", "CITY", "state", "OR"))
                .post("/api/v1/communities").then().statusCode(403);
    }

    @Test
    void aMunicipalityActsOnItsOwnCommunityOnly() {
        UUID mine = Fixtures.community("OR");
        UUID theirs = Fixtures.community("WA");
        UUID myPartnership = Fixtures.partnership(mine, "RU");
        UUID theirPartnership = Fixtures.partnership(theirs, "RU");
        String token = TestTokens.municipality(mine);

        as(token).body(statusChange("SUSPENDED")).post(CHANGES, myPartnership).then().statusCode(201);
        as(token).body(statusChange("SUSPENDED")).post(CHANGES, theirPartnership).then()
                .statusCode(403).contentType("application/problem+json");
        as(token).get("/api/v1/partnerships/{id}/contacts", myPartnership).then().statusCode(200);
        as(token).get("/api/v1/partnerships/{id}/contacts", theirPartnership).then().statusCode(403);
        as(token).body(Fixtures.newPartnership(theirs, "UA")).post("/api/v1/partnerships").then().statusCode(403);
        as(token).body(Fixtures.newPartnership(mine, "UA")).post("/api/v1/partnerships").then().statusCode(201);
        Fixtures.asAdmin().get("/api/v1/partnerships/{id}", theirPartnership).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void aCountryRepresentativeActsOnItsCountriesOnly() {
        UUID inRussia = Fixtures.partnership("RU");
        UUID inFrance = Fixtures.partnership("FR");
        String token = TestTokens.countryRep("RU", "BY");

        as(token).body(statusChange("UNDER_REVIEW")).post(CHANGES, inRussia).then().statusCode(201);
        as(token).body(statusChange("UNDER_REVIEW")).post(CHANGES, inFrance).then().statusCode(403);
        as(token).body(Map.of("type", "FRIENDSHIP_CITY")).patch("/api/v1/partnerships/{id}", inFrance).then().statusCode(403);
    }

    @Test
    void servicesReadContactsButCannotChangeStatus() {
        UUID id = Fixtures.partnership("RU");
        as(TestTokens.service()).get("/api/v1/partnerships/{id}/contacts", id).then().statusCode(200);
        as(TestTokens.service()).body(statusChange("SUSPENDED")).post(CHANGES, id).then().statusCode(403);
    }

    @Test
    void onlyHeadquartersAppointsCountryRepresentatives() {
        Map<String, String> rep = Map.of("name", "Ada Kim", "email", "ada.kim." + UUID.randomUUID() + "@sister-cities.org");
        as(TestTokens.countryRep("RU")).body(rep).post("/api/v1/countries/RU/representatives").then().statusCode(403);
        as(TestTokens.municipality(UUID.randomUUID())).body(rep).post("/api/v1/countries/RU/representatives").then().statusCode(403);
    }
}
