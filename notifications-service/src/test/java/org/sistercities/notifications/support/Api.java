package org.sistercities.notifications.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;
import org.sistercities.testsupport.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Calls this service's API as its clients do, and waits for what happens asynchronously. */
public final class Api {

    public static final Duration PATIENCE = Duration.ofSeconds(45);

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() {
        return as(TestTokens.hqAdmin());
    }

    /** The partnership's cases, oldest first. */
    public static List<Map<String, Object>> casesOf(UUID partnershipId) {
        return asAdmin().queryParam("partnershipId", partnershipId).get("/api/v1/outreach/cases")
                .then().statusCode(200).extract().path("items");
    }

    /** Waits until the partnership has {@code count} cases, the last in {@code status}; returns the last one's detail. */
    public static JsonPath awaitCase(UUID partnershipId, int count, String status) {
        Awaitility.await("case " + count + " of " + partnershipId + " " + status).atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    List<Map<String, Object>> cases = casesOf(partnershipId);
                    return cases.size() == count && status.equals(cases.get(count - 1).get("status"));
                });
        String id = (String) casesOf(partnershipId).get(count - 1).get("id");
        return caseDetail(UUID.fromString(id));
    }

    public static JsonPath caseDetail(UUID caseId) {
        return asAdmin().get("/api/v1/outreach/cases/{id}", caseId).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until exactly {@code count} emails of the kind have arrived for the case, and checks no more follow. */
    public static List<Mailbox.Mail> awaitMails(UUID caseId, String kind, int count) {
        Awaitility.await(count + " " + kind + " emails of case " + caseId).atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Mailbox.ofCase(caseId, kind).size() >= count);
        Awaitility.await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
                .until(() -> true);
        return Mailbox.ofCase(caseId, kind);
    }
}
