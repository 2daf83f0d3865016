package org.sistercities.notifications.work;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import org.sistercities.notifications.email.Backoff;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Work that needs other services before it can go on (a case's recipients and PDFs, a broadcast's audience):
 * claimed with a lease so that instances share it, postponed with backoff while a service is down, never
 * dropped. See {@link Preparations}.
 */
@MappedSuperclass
public abstract class PreparedWork extends PanacheEntityBase {

    @Column(name = "prepare_attempts")
    public int prepareAttempts;
    @Column(name = "next_prepare_at")
    public Instant nextPrepareAt;
    @Column(name = "prepare_claimed_until")
    public Instant prepareClaimedUntil;
    /** Why the last attempt did not get through: visible to staff while the work waits. */
    @Column(name = "last_error")
    public String lastError;

    public abstract UUID workId();

    /** Owns the work until {@code until}: another instance's claim skips it until then. Counts as an attempt. */
    void lease(Instant until) {
        prepareClaimedUntil = until;
        prepareAttempts++;
    }

    void postpone(RuntimeException cause, Duration initialBackoff, Duration maxBackoff) {
        nextPrepareAt = Instant.now().plus(Backoff.after(prepareAttempts, initialBackoff, maxBackoff));
        prepareClaimedUntil = null;
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        lastError = message.length() > 2000 ? message.substring(0, 2000) : message;
    }

    /** Marks the preparation done; call in the transaction that completes the work. */
    public void prepared() {
        prepareClaimedUntil = null;
        lastError = null;
    }
}
