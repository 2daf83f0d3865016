package org.sistercities.notifications.broadcast;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sistercities.notifications.support.Api;
import org.sistercities.notifications.support.Mailbox;
import org.sistercities.notifications.support.StandInData;
import org.sistercities.notifications.support.StandInServicesTestResource;
import org.sistercities.testsupport.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.sistercities.notifications.support.Api.as;
import static org.sistercities.notifications.support.Api.asAdmin;

@QuarkusTest
class BroadcastTest {

    private static Map<String, Object> request(Map<String, Object> audience, List<String> extras) {
        Map<String, Object> body = new HashMap<>();
        body.put("subject", "Round table on keeping ties " + UUID.randomUUID());
        body.put("bodyMarkdown", "Colleagues – **please join us**.\n\n- one\n- two\n\n<script>alert(1)</script>");
        body.put("attachments", List.of("political-suspension-policy"));
        if (audience != null) {
            body.put("audience", audience);
        }
        body.put("extraAddresses", extras);
        return body;
    }

    @Test
    void aBroadcastToFiveHundredRecipientsEmailsEachExactlyOnceAndItsProgressEndsRight() {
        StandInServicesTestResource.registerPartnerships("ZA", "ACTIVE", "SISTER_CITY", 245, 2);
        StandInServicesTestResource.registerPartnerships("ZA", "SUSPENDED", "SISTER_CITY", 5, 2);
        List<String> extras = IntStream.range(0, 10).mapToObj(i -> "guest" + i + "-" + UUID.randomUUID() + "@press.example").toList();
        Map<String, Object> body = request(Map.of("countries", List.of("ZA"), "statuses", List.of("ACTIVE")), extras);
        String key = "broadcast-" + UUID.randomUUID();

        String id = asAdmin().header("Idempotency-Key", key).body(body).post("/api/v1/broadcasts")
                .then().statusCode(202).body("status", equalTo("PREPARING")).extract().path("id");
        asAdmin().header("Idempotency-Key", key).body(body).post("/api/v1/broadcasts")
                .then().statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(id));

        UUID broadcastId = UUID.fromString(id);
        Awaitility.await().atMost(Api.PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> asAdmin().get("/api/v1/broadcasts/{id}", id).then().extract().path("recipientCount") != null);
        assertThat((Integer) asAdmin().get("/api/v1/broadcasts/{id}", id).then().extract().path("recipientCount")).isEqualTo(500);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED".equals(asAdmin().get("/api/v1/broadcasts/{id}", id).then().extract().path("status")));
        // COMPLETED: every email of the broadcast is SENT or FAILED, and each is marked SENT only after SMTP accepted
        // it, so the mailbox already holds all of them, duplicates included.

        JsonPath view = asAdmin().get("/api/v1/broadcasts/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(view.getInt("progress.sent")).isEqualTo(500);
        assertThat(view.getInt("progress.failed")).isZero();
        assertThat(view.getInt("progress.pending")).isZero();
        List<Mailbox.Mail> mails = Mailbox.ofBroadcast(broadcastId);
        assertThat(mails).hasSize(500);
        List<String> recipients = mails.stream().map(m -> m.to().get(0)).toList();
        assertThat(recipients).doesNotHaveDuplicates().containsAll(extras);
        Mailbox.Mail one = mails.get(0);
        assertThat(one.subject()).isEqualTo(body.get("subject"));
        assertThat(one.html()).contains("<strong>please join us</strong>").contains("<li>one</li>")
                .doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(one.text()).contains("**please join us**");
        assertThat(one.attachments()).extracting(Mailbox.Attachment::content).containsExactly(StandInData.SUSPENSION.pdf());
    }

    @Test
    void theRoundTableAnnouncementOfMarch2022IsReproducibleAsABroadcast() {
        List<UUID> russian = StandInServicesTestResource.registerPartnerships("RU", "ACTIVE", "SISTER_CITY", 3, 1);
        Map<String, Object> example = asAdmin().get("/api/v1/broadcasts/examples/round-table-2022-03-23")
                .then().statusCode(200).extract().path("$");
        assertThat((String) example.get("subject")).isEqualTo("Russia Round Table - Yesterday March 22 & Video & Materials");
        assertThat((String) example.get("bodyMarkdown")).contains("https://youtu.be/3r80ILk6Ldo").contains("Bill Boerum");

        String id = asAdmin().body(example).post("/api/v1/broadcasts").then().statusCode(202).extract().path("id");

        UUID broadcastId = UUID.fromString(id);
        Awaitility.await().atMost(Api.PATIENCE).until(() -> Mailbox.ofBroadcast(broadcastId).size() >= 3);
        List<String> expected = new ArrayList<>();
        russian.forEach(p -> expected.addAll(StandInData.contactEmails(p, 1)));
        List<Mailbox.Mail> mails = Mailbox.ofBroadcast(broadcastId);
        assertThat(mails).extracting(m -> m.to().get(0)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(mails.get(0).html()).contains("href=\"https://youtu.be/3r80ILk6Ldo\"").contains("<strong>Bill Boerum</strong>");
        assertThat(mails.get(0).attachments()).extracting(Mailbox.Attachment::filename)
                .containsExactly(StandInData.SUSPENSION.filename(), StandInData.CEO.filename());
        asAdmin().get("/api/v1/broadcasts/examples/no-such-example").then().statusCode(404);
    }

    @Test
    void aBroadcastThatReachesNoOneOrNamesBadAddressesOrFiltersIsRefused() {
        asAdmin().body(request(null, List.of())).post("/api/v1/broadcasts").then().statusCode(400).body("errors[0].field", equalTo("audience"));
        asAdmin().body(request(null, List.of("not-an-address"))).post("/api/v1/broadcasts").then().statusCode(400);
        asAdmin().body(request(Map.of("statuses", List.of("PAUSED")), List.of())).post("/api/v1/broadcasts").then().statusCode(400);
        asAdmin().body(request(Map.of("countries", List.of("Russia")), List.of())).post("/api/v1/broadcasts").then().statusCode(400);
        Map<String, Object> noSubject = request(null, List.of("a@b.example"));
        noSubject.remove("subject");
        asAdmin().body(noSubject).post("/api/v1/broadcasts").then().statusCode(400);
        asAdmin().get("/api/v1/broadcasts/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void headquartersBroadcastsToAnyoneAndACountryRepresentativeOnlyToItsOwnCountries() {
        Map<String, Object> toZambia = request(Map.of("countries", List.of("ZM")), List.of());
        given().contentType("application/json").body(toZambia).post("/api/v1/broadcasts").then().statusCode(401);
        as(TestTokens.viewer()).body(toZambia).post("/api/v1/broadcasts").then().statusCode(403);
        as(TestTokens.municipality(UUID.randomUUID())).body(toZambia).post("/api/v1/broadcasts").then().statusCode(403);
        as(TestTokens.countryRep("KE")).body(toZambia).post("/api/v1/broadcasts").then().statusCode(403);
        as(TestTokens.countryRep("KE")).body(request(Map.of(), List.of())).post("/api/v1/broadcasts").then().statusCode(403);

        String id = as(TestTokens.countryRep("ZM")).body(toZambia).post("/api/v1/broadcasts").then().statusCode(202)
                .extract().path("id");
        as(TestTokens.countryRep("ZM")).get("/api/v1/broadcasts/{id}", id).then().statusCode(200);
        as(TestTokens.builder().subject("another-rep").groups(TestTokens.COUNTRY_REP).countries("KE").sign())
                .get("/api/v1/broadcasts/{id}", id).then().statusCode(403);
        as(TestTokens.viewer()).get("/api/v1/broadcasts/{id}", id).then().statusCode(403);
        asAdmin().get("/api/v1/broadcasts/{id}", id).then().statusCode(200);
        given().get("/api/v1/broadcasts/{id}", id).then().statusCode(401);
    }
}
