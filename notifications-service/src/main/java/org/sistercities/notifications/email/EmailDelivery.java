package org.sistercities.notifications.email;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** One email to one recipient, from queueing to SENT or FAILED. */
@Entity
@Table(name = "email_delivery")
public class EmailDelivery extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "dedupe_key")
    public String dedupeKey;
    @Enumerated(EnumType.STRING)
    public EmailKind kind;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "broadcast_id")
    public UUID broadcastId;
    @Column(name = "message_id")
    public String messageId;
    public String recipient;
    @Column(name = "reply_to")
    public String replyTo;
    public String subject;
    @Column(name = "text_body")
    public String textBody;
    @Column(name = "html_body")
    public String htmlBody;
    /** Comma-separated SHA-256 of {@link Attachment} rows, in order. */
    public String attachments;
    public int priority;
    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "claimed_until")
    public Instant claimedUntil;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    /** When it was queued or its latest attempt ended (the database sets it on insert). */
    @Column(name = "updated_at", insertable = false)
    public Instant updatedAt;

    public List<String> attachmentHashes() {
        return attachments == null || attachments.isEmpty() ? List.of() : Arrays.asList(attachments.split(","));
    }

    public static List<EmailDelivery> ofCase(UUID caseId) {
        return list("caseId = ?1 order by createdAt, recipient", caseId);
    }
}
