package org.sistercities.notifications.work;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Acts once the current transaction has committed (never on a rollback): wakes a worker for the work it created. */
@ApplicationScoped
public class AfterCommit {

    @Inject
    TransactionSynchronizationRegistry registry;

    public void wake(SerialRunner runner) {
        if (registry.getResource(runner) != null) {
            return;
        }
        registry.putResource(runner, Boolean.TRUE);
        run(runner::wake);
    }

    /** Runs {@code action} once the current transaction has committed; never on a rollback. */
    public void run(Runnable action) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
