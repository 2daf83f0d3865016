package org.sistercities.notifications.email;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An email to queue.
 *
 * @param dedupeKey names the cause and the recipient; queueing the same key twice queues one email
 * @param replyTo   nullable
 * @param attachments SHA-256 of stored {@link Attachment}s
 * @param headers   extra headers, e.g. {@code List-Unsubscribe} on subscription notices
 */
public record OutgoingEmail(String dedupeKey, EmailKind kind, UUID caseId, UUID broadcastId, String recipient,
                            String replyTo, String subject, String textBody, String htmlBody, List<String> attachments,
                            Map<String, String> headers) {

    public OutgoingEmail(String dedupeKey, EmailKind kind, UUID caseId, UUID broadcastId, String recipient,
                         String replyTo, String subject, String textBody, String htmlBody, List<String> attachments) {
        this(dedupeKey, kind, caseId, broadcastId, recipient, replyTo, subject, textBody, htmlBody, attachments, Map.of());
    }
}
