package org.sistercities.partnerships;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.sistercities.testsupport.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Creates test data through the public API, as a client would; unique names keep tests independent. */
public final class Fixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Fixtures() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() {
        return as(TestTokens.hqAdmin());
    }

    public static UUID community(String state) {
        return community("Testville " + UUID.randomUUID(), state);
    }

    public static UUID community(String name, String state) {
        String id = asAdmin()
                .body(Map.of("name", name, "kind", "CITY", "state", state))
                .post("/api/v1/communities")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    public static UUID partnership(UUID communityId, String country) {
        return UUID.fromString(registerPartnership(communityId, country).statusCode(201).extract().path("id"));
    }

    public static UUID partnership(String country) {
        return partnership(community("OR"), country);
    }

    public static ValidatableResponse registerPartnership(UUID communityId, String country) {
        return asAdmin().body(newPartnership(communityId, country)).post("/api/v1/partnerships").then();
    }

    /** A partnership with a partner city of the given name, of the given type. */
    public static UUID partnership(UUID communityId, String country, String cityName, String type) {
        return UUID.fromString(asAdmin().body(newPartnership(communityId, country, cityName, type))
                .post("/api/v1/partnerships").then().statusCode(201).extract().path("id"));
    }

    public static Map<String, Object> newPartnership(UUID communityId, String country) {
        return newPartnership(communityId, country, "Partner " + SEQUENCE.incrementAndGet() + " " + UUID.randomUUID(), "SISTER_CITY");
    }

    public static Map<String, Object> newPartnership(UUID communityId, String country, String cityName, String type) {
        return Map.of(
                "communityId", communityId.toString(),
                "partnerCity", Map.of("name", cityName, "region", "Some Oblast", "country", country),
                "type", type,
                "establishedOn", "1991-06-12",
                "contacts", List.of(Map.of("role", "COMMUNITY_CONTACT", "name", "Dana Rivers",
                        "email", "dana.rivers@example.org", "phone", "+1 503 555 0100")));
    }

    public static Map<String, Object> statusChange(String to) {
        return statusChange(to, "2022-03-02");
    }

    public static Map<String, Object> statusChange(String to, String effectiveDate) {
        return Map.of(
                "to", to,
                "reasonCategory", "POLITICAL",
                "reason", "Council resolution after the invasion of Ukraine",
                "decidingBody", "City Council",
                "decisionReference", "Resolution 2022-17",
                "effectiveDate", effectiveDate);
    }

    public static ValidatableResponse changeStatus(UUID partnershipId, String to) {
        return asAdmin().body(statusChange(to)).post("/api/v1/partnerships/{id}/status-changes", partnershipId).then();
    }
}
