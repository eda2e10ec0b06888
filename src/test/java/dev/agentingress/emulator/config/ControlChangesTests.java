package dev.agentingress.emulator.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class ControlChangesTests {

    private final ControlChanges changes = new ControlChanges();

    @Test
    void eachChangeMovesTheCount() {
        long before = changes.count();
        changes.changed();
        changes.changed();
        assertThat(changes.count()).isEqualTo(before + 2);
    }

    @Test
    void insideATransactionTheCountMovesAgainWhenItEnds() {
        TransactionSynchronizationManager.initSynchronization();
        try {
            changes.changed();
            long beforeTheCommit = changes.count();
            for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
                synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED);
            }
            assertThat(changes.count()).isGreaterThan(beforeTheCommit);
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }
}
