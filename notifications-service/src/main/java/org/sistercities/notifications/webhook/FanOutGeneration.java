package org.sistercities.notifications.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The number that every change to what the fan-out matches (webhook endpoints, V53; email subscriptions, V54)
 * raises in its own transaction. The directories that keep endpoints and subscriptions in memory compare it with
 * the number their copy was read under. It is read at most once per transaction: a consumed status change and the
 * case events it causes are fanned out in one transaction, with one read, not one per event and directory.
 */
@ApplicationScoped
public class FanOutGeneration {

    private static final Object KEY = FanOutGeneration.class;

    @Inject
    EntityManager entityManager;
    @Inject
    TransactionSynchronizationRegistry transaction;

    /** As of this transaction's first read: the fan-out never changes endpoints or subscriptions itself. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long current() {
        Object known = transaction.getResource(KEY);
        if (known != null) {
            return (Long) known;
        }
        // Plain JDBC on the transaction's connection: nothing to flush first, no query to interpret.
        long generation = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT generation FROM fan_out_generation");
                 ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
        transaction.putResource(KEY, generation);
        return generation;
    }
}
