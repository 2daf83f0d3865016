package org.sistercities.notifications.email;

import java.util.List;
import java.util.UUID;

/**
 * An email to queue.
 *
 * @param dedupeKey names the cause and the recipient; queueing the same key twice queues one email
 * @param replyTo   nullable
 * @param attachments SHA-256 of stored {@link Attachment}s
 */
public record OutgoingEmail(String dedupeKey, EmailKind kind, UUID caseId, UUID broadcastId, String recipient,
                            String replyTo, String subject, String textBody, String htmlBody, List<String> attachments) {
}
