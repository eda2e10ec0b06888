package dev.agentingress.emulator.controls.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountState;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * The journals of all accounts, kept by a {@link JournalStore} with the bounds applied across every instance that
 * shares it: the newest {@code max-entries-per-account} per account, {@code max-accounts} accounts (the least recently
 * recorded or read dropped first) and {@code max-bytes} of {@link JournalEntry#heapBytes()} in all (the largest journal
 * drops its oldest entries first). A reset clears an account with the rest of its state.
 * <p>
 * A store in memory is written by the request thread itself, before its response. Writes to the database are grouped:
 * a request thread puts its entry on a bounded queue and waits until the one writer thread has
 * committed the batch that holds it, so that a client that has its answer finds its request in the journal, through
 * any instance; one transaction per batch instead of per request is what keeps the journal cheap under load. The
 * server stays safe whatever the database does: a full queue drops the entry (counted in {@link #dropped()}) rather
 * than block, a request waits at most {@link #COMMIT_WAIT} for the commit, and a failed batch is logged (once until
 * a batch succeeds again) and counted in {@link #failed()}, without stopping the writer.
 */
class RequestJournal implements AccountState, AutoCloseable {

    /**
     * Entries waiting for the writer. Each belongs to a request still in flight (its thread waits for the commit),
     * so with Tomcat's 32 threads the queue rarely holds more than 32; the bound only matters when the database
     * stalls, and then it caps the heap they hold at a few MiB.
     */
    static final int QUEUE_CAPACITY = 256;
    /** Entries written in one transaction at most. */
    static final int MAX_BATCH = 128;
    /** How long a request waits for its entry's commit before it answers anyway. */
    static final Duration COMMIT_WAIT = Duration.ofSeconds(5);

    private static final Log log = LogFactory.getLog(RequestJournal.class);
    private static final long IDLE_POLL_MILLIS = 100;

    private final EmulatorProperties.Journal settings;
    private final JournalStore store;
    private final BlockingQueue<Pending> queue;
    private final Duration commitWait;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    /** Whether the last batch failed, so that a database that stays down is logged once; writer thread only. */
    private boolean failing;

    RequestJournal(EmulatorProperties.Journal settings, JournalStore store) {
        this(settings, store, QUEUE_CAPACITY, COMMIT_WAIT);
    }

    RequestJournal(EmulatorProperties.Journal settings, JournalStore store, int queueCapacity, Duration commitWait) {
        this.settings = settings;
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.commitWait = commitWait;
        this.writer = new Thread(this::writeBatches, "journal-writer");
        this.writer.setDaemon(true);
        if (settings.enabled() && store.batchesWrites()) {
            this.writer.start();
        }
    }

    EmulatorProperties.Journal settings() {
        return settings;
    }

    /** Returns once the entry is committed (or dropped, or the commit wait has passed). */
    void record(Account account, JournalEntry entry) {
        JournalStore.Recorded recorded = new JournalStore.Recorded(account.id(), entry);
        if (!store.batchesWrites()) {
            store.write(List.of(recorded));
            return;
        }
        Pending pending = new Pending(recorded);
        if (!running || !queue.offer(pending)) {
            if (dropped.getAndIncrement() == 0) {
                log.warn("The request journal's queue is full (the database is slow or down): entries are dropped "
                        + "and counted in emulator.journal.dropped");
            }
            return;
        }
        try {
            if (!pending.written.await(commitWait.toMillis(), TimeUnit.MILLISECONDS)
                    && late.getAndIncrement() == 0) {
                log.warn("A request journal entry took over " + commitWait.toMillis() + " ms to commit: the request "
                        + "was answered before it is in the journal");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The account's entries that {@code query} matches, newest first. */
    List<JournalEntry> newestFirst(Account account, JournalQuery query) {
        return store.newestFirst(account, query);
    }

    List<JournalEntry> newestFirst(Account account) {
        return newestFirst(account, JournalQuery.ALL);
    }

    @Override
    public Removed clear(Account account) {
        return Removed.of(Kind.JOURNAL_ENTRIES, store.clear(account));
    }

    @Override
    public Removed clearAll() {
        return Removed.of(Kind.JOURNAL_ENTRIES, store.clearAll());
    }

    @Override
    public Held held() {
        return Held.of(Kind.JOURNAL_ENTRIES, store.entryCount(), store.accountCount());
    }

    int accountCount() {
        return store.accountCount();
    }

    long bytes() {
        return store.bytes();
    }

    /** Entries not recorded because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /** Entries lost to a failed write. */
    long failed() {
        return failed.get();
    }

    /** Writes what is queued, then stops the writer; later entries are dropped. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(commitWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeBatches() {
        while (running || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // nobody interrupts this thread; if someone does, close() still ends the loop
                continue;
            }
            if (first == null) {
                continue;
            }
            List<Pending> batch = new ArrayList<>(MAX_BATCH);
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        try {
            store.write(batch.stream().map(Pending::recorded).toList());
            if (failing) {
                log.info("The request journal writes again");
                failing = false;
            }
        } catch (RuntimeException e) {
            failed.addAndGet(batch.size());
            if (!failing) {
                log.warn("The request journal could not write " + batch.size() + " entries (logged once until a "
                        + "write succeeds; counted in emulator.journal.failed)", e);
                failing = true;
            }
        } finally {
            batch.forEach(pending -> pending.written.countDown());
        }
    }

    /** An entry on its way to the database, and the latch its request thread waits on. */
    private record Pending(JournalStore.Recorded recorded, CountDownLatch written) {

        Pending(JournalStore.Recorded recorded) {
            this(recorded, new CountDownLatch(1));
        }
    }
}
