package dev.pipedeck.audit;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Remembers, per thread, that a transaction holds the chain head lock until it completes. Appending from another
 * transaction of the same thread while that one is suspended (a REQUIRES_NEW inside it) would wait for a lock the
 * thread itself holds, forever: that is refused at once with an explanation instead.
 */
final class ChainLockGuard implements TransactionSynchronization {

    private static final Object KEY = ChainLockGuard.class;

    private ChainLockGuard() {
    }

    /** Call before locking the head; the current transaction is then known to hold it until completion. */
    static void beforeLocking() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Object holder = TransactionSynchronizationManager.getResource(KEY);
        if (holder == null) {
            ChainLockGuard guard = new ChainLockGuard();
            TransactionSynchronizationManager.bindResource(KEY, guard);
            TransactionSynchronizationManager.registerSynchronization(guard);
        } else if (!TransactionSynchronizationManager.getSynchronizations().contains(holder)) {
            throw new IllegalStateException("A suspended transaction of this thread has already appended to the "
                    + "audit log and holds its lock until it ends: record refusals and upstream attempts before "
                    + "the change that joins the caller's transaction, or after that transaction.");
        }
    }

    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
    }
}
