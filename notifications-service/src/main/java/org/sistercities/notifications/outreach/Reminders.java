package org.sistercities.notifications.outreach;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.sistercities.notifications.email.EmailKind;
import org.sistercities.notifications.email.EmailQueue;
import org.sistercities.notifications.email.OutgoingEmail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reminds the country representatives of cases that stay open, once per period. Every instance runs the
 * check; the {@code case_reminder} primary key (case, period) lets exactly one of them send each reminder.
 */
@ApplicationScoped
public class Reminders {

    private static final Logger LOG = Logger.getLogger(Reminders.class);

    @Inject
    OutreachConfig config;
    @Inject
    EntityManager entityManager;
    @Inject
    CaseParticipants participants;
    @Inject
    OutreachMails mails;
    @Inject
    EmailQueue emails;

    @Scheduled(every = "${sci.outreach.reminder-check-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            remindDue(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("Reminder round failed, the next round retries: %s", e.toString());
        }
    }

    /**
     * @param now the time the check is made for (the scheduler's is the current time; a test's may be a later one)
     * @return how many reminders this call sent (queued)
     */
    public int remindDue(Instant now) {
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                        "select c.id from OutreachCase c where c.status = ?1 and c.openedAt <= ?2", UUID.class)
                .setParameter(1, CaseStatus.OPEN)
                .setParameter(2, now.minus(config.reminderAfter()))
                .getResultList());
        int sent = 0;
        for (UUID id : due) {
            if (remindIfDue(id, now)) {
                sent++;
            }
        }
        return sent;
    }

    /** @return whether the case was open and owed a reminder for the period {@code now} is in, now queued */
    public boolean remindIfDue(UUID caseId, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> remind(caseId, now));
    }

    private boolean remind(UUID caseId, Instant now) {
        Duration period = config.reminderAfter();
        OutreachCase c = OutreachCase.findById(caseId);
        if (c == null || c.status != CaseStatus.OPEN) {
            return false;
        }
        long number = Duration.between(c.openedAt, now).toMillis() / period.toMillis();
        if (number < 1) {
            return false;
        }
        int claimed = entityManager.createNativeQuery("""
                        INSERT INTO case_reminder (case_id, period, reminded_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, caseId)
                .setParameter(2, (int) number)
                .setParameter(3, now)
                .executeUpdate();
        if (claimed == 0) {
            return false;
        }
        for (CaseParticipants.Recipient representative : participants.recipients(caseId).stream()
                .filter(CaseParticipants.Recipient::isRepresentative).toList()) {
            OutreachMails.Rendered mail = mails.reminder(mails.model(c, representative.name(), representative, List.of()));
            emails.enqueue(new OutgoingEmail("case:" + caseId + ":reminder:" + number + ":" + representative.email(),
                    EmailKind.CASE_REMINDER, caseId, null, representative.email(), null, mail.subject(), mail.text(),
                    mail.html(), List.of()));
        }
        LOG.infof("Outreach case %s: reminder for period %d", caseId, number);
        return true;
    }
}
