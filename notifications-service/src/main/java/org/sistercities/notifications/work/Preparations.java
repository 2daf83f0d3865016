package org.sistercities.notifications.work;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.LockOptions;
import org.jboss.logging.Logger;
import org.sistercities.notifications.outreach.OutreachConfig;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The claim–gather–complete cycle of {@link PreparedWork}: claim due items with {@code FOR UPDATE SKIP LOCKED}
 * and a lease (own transaction), or lease new work as it is created ({@link #leaseNew}); gather what they need
 * from other services outside any transaction, then complete each in a transaction of its own, or postpone it
 * with backoff when gathering failed.
 */
@ApplicationScoped
public class Preparations {

    private static final Logger LOG = Logger.getLogger(Preparations.class);

    @Inject
    EntityManager entityManager;
    @Inject
    OutreachConfig config;

    /**
     * @param preparing the entity's status value that means "waiting to be prepared"
     * @return up to {@code limit} due items, leased to this instance
     */
    public <T extends PreparedWork> List<T> claim(Class<T> type, Object preparing, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            List<T> due = entityManager.createQuery("select w from " + type.getSimpleName() + " w"
                            + " where w.status = :status and w.nextPrepareAt <= :now"
                            + " and (w.prepareClaimedUntil is null or w.prepareClaimedUntil < :now)"
                            + " order by w.nextPrepareAt", type)
                    .setParameter("status", preparing)
                    .setParameter("now", now)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                    .setMaxResults(limit)
                    .getResultList();
            due.forEach(work -> work.lease(now.plus(config.prepareLease())));
            return due;
        });
    }

    /**
     * Leases new work to this instance in the transaction that creates it, as a claim would: the instance can
     * then attempt it once that commits without a claim transaction of its own, and should it stop first,
     * another instance's claim takes the work over when the lease ends.
     */
    public void leaseNew(PreparedWork work) {
        work.lease(Instant.now().plus(config.prepareLease()));
    }

    /**
     * Gathers for one claimed item; on success runs {@code complete} with the result in a new transaction, on
     * failure records the error and the next attempt's time instead.
     */
    public <T extends PreparedWork, G> void attempt(T work, Function<T, G> gather, Consumer<G> complete) {
        G gathered;
        try {
            gathered = gather.apply(work);
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> {
                PreparedWork fresh = entityManager.find(work.getClass(), work.workId());
                fresh.postpone(e, config.initialBackoff(), config.maxBackoff());
                LOG.warnf("%s %s waits (attempt %d): %s", work.getClass().getSimpleName(), work.workId(),
                        fresh.prepareAttempts, fresh.lastError);
            });
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> complete.accept(gathered));
    }
}
