package org.sistercities.notifications.delivery;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sistercities.notifications.support.Api;
import org.sistercities.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.sistercities.notifications.support.Api.as;
import static org.sistercities.notifications.support.Api.asAdmin;

@QuarkusTest
class DeliveryApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theSummaryCountsEmailsAndWebhooksByTheirStoredStatuses() throws SQLException {
        Instant now = Instant.now();
        email("FAILED", "SUBSCRIPTION_NOTICE", now, "connection refused");
        email("FAILED", "CASE_OPENED", now.minus(Duration.ofDays(2)), "mailbox full");
        email("SENT", "BROADCAST", now, null);
        UUID disabled = endpoint(now, now);
        endpoint(null, now.minus(Duration.ofMinutes(5)));
        message(disabled, "FAILED", now);
        message(disabled, "FAILED", now.minus(Duration.ofDays(3)));

        // The workers of earlier tests may still be moving rows: compare once both readings agree.
        Awaitility.await().atMost(Api.PATIENCE).untilAsserted(() -> {
            JsonPath summary = asAdmin().get("/api/v1/deliveries/summary").then().statusCode(200).extract().jsonPath();
            assertThat(summary.getLong("emails.pending")).isEqualTo(count("SELECT count(*) FROM email_delivery WHERE status IN ('PENDING', 'SENDING')"));
            assertThat(summary.getLong("emails.sent")).isEqualTo(count("SELECT count(*) FROM email_delivery WHERE status = 'SENT'"));
            assertThat(summary.getLong("emails.failed")).isEqualTo(count("SELECT count(*) FROM email_delivery WHERE status = 'FAILED'"));
            assertThat(summary.getLong("emails.failedLast24h")).isEqualTo(count(
                    "SELECT count(*) FROM email_delivery WHERE status = 'FAILED' AND updated_at > now() - interval '1 day'"));
            assertThat(summary.getLong("webhooks.endpoints")).isEqualTo(count("SELECT count(*) FROM webhook_endpoint"));
            assertThat(summary.getLong("webhooks.disabledEndpoints")).isEqualTo(count("SELECT count(*) FROM webhook_endpoint WHERE disabled_at IS NOT NULL"));
            assertThat(summary.getLong("webhooks.failingEndpoints")).isEqualTo(count(
                    "SELECT count(*) FROM webhook_endpoint WHERE disabled_at IS NULL AND failing_since IS NOT NULL"));
            assertThat(summary.getLong("webhooks.pendingMessages")).isEqualTo(count(
                    "SELECT count(*) FROM webhook_message WHERE status IN ('PENDING', 'DELIVERING')"));
            assertThat(summary.getLong("webhooks.failedMessagesLast24h")).isEqualTo(count("""
                    SELECT count(DISTINCT m.id) FROM webhook_message m JOIN webhook_attempt a ON a.message_id = m.id
                    WHERE m.status = 'FAILED' AND a.attempted_at > now() - interval '1 day'"""));
            assertThat(summary.getLong("emails.failed")).isGreaterThan(summary.getLong("emails.failedLast24h"));
            assertThat(summary.getLong("webhooks.failedMessagesLast24h")).isPositive();
            assertThat(summary.getLong("webhooks.failingEndpoints")).isPositive();
        });
    }

    @Test
    void failedEmailsAreListedNewestFirstWithWhatTheyBelongTo() throws SQLException {
        // An hour ahead: emails other tests' workers give up on while this runs are older, so the first page is ours.
        Instant now = Instant.now().plus(Duration.ofHours(1));
        UUID older = email("FAILED", "CASE_REMINDER", now.minusSeconds(2), "550 no such user");
        UUID newer = email("FAILED", "ENDPOINT_DISABLED", now.minusSeconds(1), "timeout");
        UUID newest = email("FAILED", "SUBSCRIPTION_CONFIRM", now, "421 try later");
        UUID sent = email("SENT", "SUBSCRIPTION_CONFIRM", now, null);

        JsonPath first = asAdmin().queryParam("status", "FAILED").queryParam("limit", 2).get("/api/v1/deliveries/emails")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id")).containsExactly(newest.toString(), newer.toString());
        assertThat(first.getList("items.kind")).containsExactly("subscription", "webhook");
        assertThat(first.getString("items[0].lastError")).isEqualTo("421 try later");
        assertThat(first.getString("items[0].status")).isEqualTo("FAILED");
        assertThat(first.getInt("items[0].attempts")).isEqualTo(5);
        assertThat(first.getString("items[0].updatedAt")).isNotNull();
        assertThat(first.getMap("items[0]")).containsKeys("recipient", "subject", "caseId", "broadcastId")
                .doesNotContainKeys("textBody", "htmlBody");

        JsonPath second = asAdmin().queryParam("status", "FAILED").queryParam("limit", 2)
                .queryParam("cursor", first.getString("nextCursor")).get("/api/v1/deliveries/emails")
                .then().statusCode(200).extract().jsonPath();
        assertThat(second.getString("items[0].id")).isEqualTo(older.toString());
        assertThat(second.getString("items[0].kind")).isEqualTo("outreach");

        List<String> all = asAdmin().queryParam("limit", 200).get("/api/v1/deliveries/emails").then().statusCode(200)
                .extract().path("items.id");
        assertThat(all).contains(sent.toString(), newest.toString());
    }

    @Test
    void onlyHeadquartersSeesTheQueuesAndBadFiltersAreRefused() {
        given().get("/api/v1/deliveries/summary").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/deliveries/emails").then().statusCode(401);
        as(TestTokens.countryRep("RU")).get("/api/v1/deliveries/summary").then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.viewer()).get("/api/v1/deliveries/emails").then().statusCode(403);
        as(TestTokens.service()).get("/api/v1/deliveries/emails").then().statusCode(403);
        asAdmin().queryParam("status", "BOUNCED").get("/api/v1/deliveries/emails").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("status"));
        asAdmin().queryParam("cursor", "forged").get("/api/v1/deliveries/emails").then().statusCode(400);
        asAdmin().queryParam("limit", 201).get("/api/v1/deliveries/emails").then().statusCode(400)
                .body("status", equalTo(400));
    }

    /** A row the email worker leaves alone (SENT or FAILED), as if it had ended at {@code at}. */
    private UUID email(String status, String kind, Instant at, String lastError) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO email_delivery (id, dedupe_key, kind, message_id, recipient, subject, text_body, html_body,
                         attachments, priority, status, attempts, next_attempt_at, last_error, created_at, updated_at)
                     VALUES (?, ?, ?, ?, ?, 'Dashboard test', 'text', '<p>html</p>', '', 10, ?, 5, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, "dashboard:" + id);
            insert.setString(3, kind);
            insert.setString(4, "<" + id + "@test.example>");
            insert.setString(5, "dash-" + id + "@example.org");
            insert.setString(6, status);
            insert.setTimestamp(7, Timestamp.from(at));
            insert.setString(8, lastError);
            insert.setTimestamp(9, Timestamp.from(at));
            insert.setTimestamp(10, Timestamp.from(at));
            insert.executeUpdate();
        }
        return id;
    }

    /** An endpoint the delivery engine has nothing to send to: disabled, or failing since {@code failingSince}. */
    private UUID endpoint(Instant disabledAt, Instant failingSince) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO webhook_endpoint (id, url, description, event_types, countries, ordered, owner_subject,
                         owner_email, scope_all, communities, secret, disabled_at, failing_since, created_at)
                     VALUES (?, 'https://dashboard-test.example/hook', 'dashboard test', 'partnership.status_changed', '',
                         false, 'dashboard-test', 'owner@example.org', true, '', 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0',
                         ?, ?, now())""")) {
            insert.setObject(1, id);
            insert.setTimestamp(2, disabledAt == null ? null : Timestamp.from(disabledAt));
            insert.setTimestamp(3, Timestamp.from(failingSince));
            insert.executeUpdate();
        }
        return id;
    }

    private void message(UUID endpoint, String status, Instant lastAttempt) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO webhook_message (id, endpoint_id, event_id, event_type, webhook_id, body, status, attempts,
                         next_attempt_at, created_at)
                     VALUES (?, ?, ?, 'partnership.status_changed', ?, '{}', ?, 8, ?, ?)""");
             PreparedStatement attempt = connection.prepareStatement("""
                     INSERT INTO webhook_attempt (id, message_id, attempted_at, status_code, latency_ms, error)
                     VALUES (?, ?, ?, 500, 12, 'HTTP 500')""")) {
            insert.setObject(1, id);
            insert.setObject(2, endpoint);
            insert.setObject(3, UUID.randomUUID());
            insert.setString(4, "msg_" + id);
            insert.setString(5, status);
            insert.setTimestamp(6, Timestamp.from(lastAttempt));
            insert.setTimestamp(7, Timestamp.from(lastAttempt));
            insert.executeUpdate();
            attempt.setObject(1, UUID.randomUUID());
            attempt.setObject(2, id);
            attempt.setTimestamp(3, Timestamp.from(lastAttempt));
            attempt.executeUpdate();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
