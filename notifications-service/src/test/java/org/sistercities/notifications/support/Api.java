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

    /**
     * Waits until {@code count} emails of the kind have arrived for the case and every delivery of that kind on the
     * case is final (SENT or FAILED). A delivery is marked SENT only once SMTP has accepted it and is never claimed
     * again, so from then on the mailbox holds everything the case sends of that kind, a duplicate included: the
     * caller's count is final, with no waiting for emails that might still come.
     */
    public static List<Mailbox.Mail> awaitMails(UUID caseId, String kind, int count) {
        Awaitility.await(count + " " + kind + " emails of case " + caseId).atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Mailbox.ofCase(caseId, kind).size() >= count && deliveriesFinal(caseId, kind));
        return Mailbox.ofCase(caseId, kind);
    }

    private static boolean deliveriesFinal(UUID caseId, String kind) {
        List<Map<String, Object>> deliveries = caseDetail(caseId).getList("deliveries");
        return deliveries.stream().filter(d -> kind.equals(d.get("kind")))
                .allMatch(d -> "SENT".equals(d.get("status")) || "FAILED".equals(d.get("status")));
    }
}
