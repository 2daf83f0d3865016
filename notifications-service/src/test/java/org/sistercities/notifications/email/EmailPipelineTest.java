package org.sistercities.notifications.email;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sistercities.notifications.support.Api;
import org.sistercities.notifications.support.Mailbox;
import org.sistercities.notifications.support.SmtpTestResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class EmailPipelineTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    EmailConfig config;
    @Inject
    EmailWorker worker;
    @Inject
    EmailQueue queue;

    @Test
    void anEmailQueuedTwiceForTheSameCauseAndRecipientIsOneRowAndOneMessage() throws Exception {
        String key = "test:" + UUID.randomUUID() + ":someone@example.org";
        OutgoingEmail email = new OutgoingEmail(key, EmailKind.BROADCAST, null, null, "Someone@Example.org", null,
                "Once", "text", "<p>html</p>", List.of());

        boolean first = QuarkusTransaction.requiringNew().call(() -> queue.enqueue(email));
        boolean second = QuarkusTransaction.requiringNew().call(() -> queue.enqueue(email));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        String messageId = column(key, "message_id");
        Awaitility.await().atMost(Api.PATIENCE).until(() -> "SENT".equals(column(key, "status")));
        assertThat(Mailbox.matching(m -> messageId.equals(m.messageId()))).hasSize(1)
                .allSatisfy(m -> assertThat(m.to()).containsExactly("someone@example.org"));
    }

    @Test
    void anEmailThatKeepsFailingIsMarkedFailedAtTheAttemptLimitWithItsErrorAndNotSentLater() throws Exception {
        String key = "test:" + UUID.randomUUID() + ":limit@example.org";
        SmtpTestResource.stopSmtp();
        try {
            insert(key, "PENDING", config.maxAttempts() - 1, null);
            worker.wake();
            Awaitility.await().atMost(Api.PATIENCE).until(() -> "FAILED".equals(column(key, "status")));
            assertThat(column(key, "attempts")).isEqualTo(Integer.toString(config.maxAttempts()));
            assertThat(column(key, "last_error")).isNotBlank();
        } finally {
            SmtpTestResource.startSmtp();
        }
        String messageId = column(key, "message_id");
        awaitARoundAfterThis();
        assertThat(column(key, "status")).isEqualTo("FAILED");
        assertThat(column(key, "attempts")).isEqualTo(Integer.toString(config.maxAttempts()));
        assertThat(Mailbox.matching(m -> messageId.equals(m.messageId()))).isEmpty();
    }

    @Test
    void anEmailLeftSendingByACrashedInstanceIsSentOnceMoreWithTheSameMessageIdAfterItsLease() throws Exception {
        String crashed = "test:" + UUID.randomUUID() + ":crashed@example.org";
        String owned = "test:" + UUID.randomUUID() + ":owned@example.org";
        insert(crashed, "SENDING", 1, Instant.now().minusSeconds(1));
        insert(owned, "SENDING", 1, Instant.now().plus(Duration.ofHours(1)));
        String crashedMessageId = column(crashed, "message_id");
        String ownedMessageId = column(owned, "message_id");

        worker.wake();

        Awaitility.await().atMost(Api.PATIENCE).until(() -> "SENT".equals(column(crashed, "status")));
        awaitARoundAfterThis();
        assertThat(Mailbox.matching(m -> crashedMessageId.equals(m.messageId()))).hasSize(1);
        assertThat(column(crashed, "attempts")).isEqualTo("2");
        // Another instance's lease is respected: that row is its to send, and no claim counted an attempt on it.
        assertThat(column(owned, "status")).isEqualTo("SENDING");
        assertThat(column(owned, "attempts")).isEqualTo("1");
        assertThat(Mailbox.matching(m -> ownedMessageId.equals(m.messageId()))).isEmpty();
    }

    /**
     * Queues one more email and waits until it is sent, so that a claim round has run after what the test set up:
     * a row that round (or an earlier one) took wrongly would show it by now, in its status and its attempts, which
     * every claim counts up. What a test asserts afterwards needs no waiting for something that might still happen.
     */
    private void awaitARoundAfterThis() throws Exception {
        String marker = "test:" + UUID.randomUUID() + ":marker@example.org";
        insert(marker, "PENDING", 0, null);
        worker.wake();
        Awaitility.await().atMost(Api.PATIENCE).until(() -> "SENT".equals(column(marker, "status")));
    }

    private void insert(String key, String status, int attempts, Instant claimedUntil) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO email_delivery (id, dedupe_key, kind, message_id, recipient, subject, text_body, html_body,
                         attachments, priority, status, attempts, next_attempt_at, claimed_until, created_at)
                     VALUES (?, ?, 'BROADCAST', ?, ?, 'Test', 'text', '<p>html</p>', '', 10, ?, ?, now(), ?, now())""")) {
            insert.setObject(1, id);
            insert.setString(2, key);
            insert.setString(3, "<" + id + "@test.example>");
            insert.setString(4, key.substring(key.lastIndexOf(':') + 1));
            insert.setString(5, status);
            insert.setInt(6, attempts);
            insert.setTimestamp(7, claimedUntil == null ? null : Timestamp.from(claimedUntil));
            insert.executeUpdate();
        }
    }

    private String column(String key, String column) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + column + " FROM email_delivery WHERE dedupe_key = ?")) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
