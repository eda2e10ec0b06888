package dev.agentingress.emulator.config;

import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the changes to the controls' tables (fault rules, clocks), so that a reader can tell whether what it read
 * before is still current: it takes {@link #count()} before its query, and its result holds while the count is
 * unchanged and {@link #cachesTrusted()}. On a database no other process opens ({@link DatabaseKind}), this process's
 * changes are all there are. On a shared one, the other instances' changes count too: each change is answered only
 * once every other instance has counted it ({@link InstanceBarrier}).
 */
@Component
public class ControlChanges implements AutoCloseable {

    private final AtomicLong count = new AtomicLong();
    private final @Nullable InstanceBarrier barrier;

    @Autowired
    public ControlChanges(JdbcTemplate jdbc, @Value("${spring.datasource.url:}") String datasourceUrl) {
        this(DatabaseKind.onlyThisProcessOpens(datasourceUrl) ? null : new InstanceBarrier(jdbc));
    }

    /** For a database only this process opens. */
    public ControlChanges() {
        this(null);
    }

    ControlChanges(@Nullable InstanceBarrier barrier) {
        this.barrier = barrier;
        if (barrier != null) {
            barrier.start(count::incrementAndGet);
        }
    }

    public long count() {
        return count.get();
    }

    /** Whether what was read under an unchanged count may still be answered from. */
    public boolean cachesTrusted() {
        return barrier == null || barrier.cachesTrusted();
    }

    /**
     * Call after each write that adds or changes a setting. Inside a transaction the count moves again once it ends,
     * so that a reader that read the old rows between the statement and the commit does not keep them under the new
     * count; and the other instances are told once the write is committed, before it is answered.
     */
    public void changed() {
        count(true);
    }

    /**
     * Call after each write that only removes settings (or a rule's count). The other instances need not hear of it:
     * what they cache is that a call has no setting, which a removal leaves true.
     */
    public void removed() {
        count(false);
    }

    private void count(boolean tellOthers) {
        count.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    count.incrementAndGet();
                    if (tellOthers) {
                        tellOthers();
                    }
                }
            });
        } else if (tellOthers) {
            tellOthers();
        }
    }

    @Override
    public void close() {
        if (barrier != null) {
            barrier.close();
        }
    }

    private void tellOthers() {
        if (barrier != null) {
            barrier.await();
        }
    }
}
