package org.sistercities.notifications.email;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.sistercities.notifications.work.AfterCommit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Puts emails in the durable queue inside the caller's transaction, so an email exists exactly when the
 * change that causes it committed. The worker ({@link EmailWorker}) sends them.
 */
@ApplicationScoped
public class EmailQueue {

    @Inject
    EntityManager entityManager;
    @Inject
    EmailConfig config;
    @Inject
    EmailWorker worker;
    @Inject
    AfterCommit afterCommit;
    @Inject
    AttachmentCache attachments;

    /** @return whether the email was queued now (false: its dedupe key was queued before) */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enqueue(OutgoingEmail email) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO email_delivery (id, dedupe_key, kind, case_id, broadcast_id, message_id, recipient,
                            reply_to, subject, text_body, html_body, attachments, priority, status, attempts,
                            next_attempt_at, created_at, extra_headers)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'PENDING', 0, ?14, ?14, ?15)
                        ON CONFLICT (dedupe_key) DO NOTHING""")
                .setParameter(1, id)
                .setParameter(2, email.dedupeKey())
                .setParameter(3, email.kind().name())
                .setParameter(4, email.caseId())
                .setParameter(5, email.broadcastId())
                .setParameter(6, "<" + id + "@" + config.messageIdDomain() + ">")
                .setParameter(7, email.recipient().toLowerCase(Locale.ROOT))
                .setParameter(8, email.replyTo())
                .setParameter(9, email.subject())
                .setParameter(10, email.textBody())
                .setParameter(11, email.htmlBody())
                .setParameter(12, String.join(",", email.attachments()))
                .setParameter(13, email.kind().priority())
                .setParameter(14, now)
                .setParameter(15, ExtraHeaders.encode(email.headers()))
                .executeUpdate();
        if (inserted == 1) {
            worker.wakeAfterCommit(afterCommit);
        }
        return inserted == 1;
    }

    /** Stores a file once per content and returns its key for {@link OutgoingEmail#attachments()}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String storeAttachment(String filename, String contentType, byte[] content) {
        String sha256 = sha256(content);
        if (attachments.get(sha256).isPresent()) {
            return sha256;
        }
        entityManager.createNativeQuery("""
                        INSERT INTO attachment (sha256, filename, content_type, content) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (sha256) DO NOTHING""")
                .setParameter(1, sha256)
                .setParameter(2, filename)
                .setParameter(3, contentType)
                .setParameter(4, content)
                .executeUpdate();
        attachments.putAfterCommit(new AttachmentCache.StoredFile(sha256, filename, contentType, content));
        return sha256;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM provides SHA-256", e);
        }
    }

    /** Progress counts of the emails of a broadcast, by status. */
    public List<Object[]> countsByStatus(UUID broadcastId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT status, count(*) FROM email_delivery WHERE broadcast_id = ?1 GROUP BY status")
                .setParameter(1, broadcastId)
                .getResultList();
        return rows;
    }

    /** {@link #countsByStatus} of several broadcasts in one query: rows of (status, count) by broadcast id. */
    public Map<UUID, List<Object[]>> countsByBroadcastAndStatus(Collection<UUID> broadcastIds) {
        Map<UUID, List<Object[]>> counts = new HashMap<>();
        if (broadcastIds.isEmpty()) {
            return counts;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT broadcast_id, status, count(*) FROM email_delivery WHERE broadcast_id IN (?1)"
                                + " GROUP BY broadcast_id, status")
                .setParameter(1, broadcastIds)
                .getResultList();
        for (Object[] row : rows) {
            counts.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add(new Object[] {row[1], row[2]});
        }
        return counts;
    }
}
