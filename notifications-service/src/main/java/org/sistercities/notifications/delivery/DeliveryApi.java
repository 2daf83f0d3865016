package org.sistercities.notifications.delivery;

import org.sistercities.notifications.email.DeliveryStatus;
import org.sistercities.notifications.email.EmailDelivery;
import org.sistercities.notifications.email.EmailKind;

import java.time.Instant;
import java.util.UUID;

/** What the staff dashboard sees of the delivery queues. */
public final class DeliveryApi {

    private DeliveryApi() {
    }

    public record Summary(EmailCounts emails, WebhookCounts webhooks) {
    }

    /** @param pending queued or being sent ({@code PENDING} and {@code SENDING} rows) */
    public record EmailCounts(long pending, long sent, long failed, long failedLast24h) {
    }

    /**
     * @param failingEndpoints enabled endpoints whose latest attempts failed (not yet disabled)
     * @param pendingMessages  messages waiting or being delivered ({@code PENDING} and {@code DELIVERING})
     */
    public record WebhookCounts(long endpoints, long disabledEndpoints, long failingEndpoints, long pendingMessages,
                                long failedMessagesLast24h) {
    }

    /**
     * One email of the queue; never its body.
     *
     * @param kind what it belongs to: {@code outreach}, {@code broadcast}, {@code subscription}, or
     *             {@code webhook} (the notice that an owner's endpoint was disabled)
     */
    public record Email(UUID id, String recipient, String subject, String kind, UUID caseId, UUID broadcastId,
                        DeliveryStatus status, int attempts, String lastError, Instant updatedAt) {

        static Email of(EmailDelivery e) {
            return new Email(e.id, e.recipient, e.subject, kindOf(e.kind), e.caseId, e.broadcastId, e.status, e.attempts,
                    e.lastError, e.updatedAt);
        }
    }

    static String kindOf(EmailKind kind) {
        return switch (kind) {
            case CASE_OPENED, CASE_RESOLVED, CASE_REMINDER -> "outreach";
            case BROADCAST -> "broadcast";
            case SUBSCRIPTION_CONFIRM, SUBSCRIPTION_NOTICE -> "subscription";
            case ENDPOINT_DISABLED -> "webhook";
        };
    }
}
