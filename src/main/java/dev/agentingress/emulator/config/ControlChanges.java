package dev.agentingress.emulator.config;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts this process's changes to the controls' tables (fault rules, clocks), so that a reader can tell whether what
 * it read before is still current: it takes {@link #count()} before its query, and its result holds while the count
 * is unchanged. Only where no other process writes to the database ({@link DatabaseKind}).
 */
@Component
public class ControlChanges {

    private final AtomicLong count = new AtomicLong();

    public long count() {
        return count.get();
    }

    /**
     * Call after each write. Inside a transaction the count moves again once it ends, so that a reader that read the
     * old rows between the statement and the commit does not keep them under the new count.
     */
    public void changed() {
        count.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    count.incrementAndGet();
                }
            });
        }
    }
}
