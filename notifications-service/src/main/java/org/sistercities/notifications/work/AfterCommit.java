package org.sistercities.notifications.work;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Wakes a worker once the current transaction has committed the work it created (never on a rollback). */
@ApplicationScoped
public class AfterCommit {

    @Inject
    TransactionSynchronizationRegistry registry;

    public void wake(SerialRunner runner) {
        if (registry.getResource(runner) != null) {
            return;
        }
        registry.putResource(runner, Boolean.TRUE);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    runner.wake();
                }
            }
        });
    }
}
