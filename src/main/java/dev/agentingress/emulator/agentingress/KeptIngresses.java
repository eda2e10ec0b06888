package dev.agentingress.emulator.agentingress;

import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * What memory mode keeps of the stored ingresses so as not to ask the database again: the ingresses that GET by ID
 * found (the read was about a fifth of a GET's CPU in a profile), and each account's newest ID, which a create's ID
 * must follow (its query was a fifth of a create's). An in-memory database is this process's own, so every change to
 * the stored rows passes through here.
 * <p>
 * Rows: a write marks its row, or an account's rows, before its statement, and the mark is lifted when its
 * transaction ends. While any write is in flight no row is kept, and a read that began before a write's mark is not
 * kept after it, so a kept row is always the row as last committed. Creates and imports add rows and need no mark:
 * only rows that were found are kept. A kept entity is shared by every request that reads it, so nothing may change
 * it; writes read their own copy, locked.
 * <p>
 * Newest IDs: every create raises its account's, so the next create follows it. A reset or an import (which may bring
 * IDs of its own) drops the account's newest ID when it starts and again when it ends, and one found in the database
 * before that second drop is not kept. A kept newest ID may be one that is gone (deleted, or its create rolled back):
 * the next ID may still follow it, as IDs only grow.
 * <p>
 * Both are bounded together by an estimate of their heap ({@link #bytesOf}, {@link #bytesOfNewestId}): what would
 * pass the bound empties both maps first. With a bound of zero (outside memory mode) nothing is kept.
 */
@Component
class KeptIngresses {

    /** What {@link #ticket()} gives while a write is in flight: a read that holds it is not kept. */
    static final long NOT_KEPT = -1;
    /** The entity, its four instants and its map node; its strings are counted by their length. */
    private static final long FIXED_BYTES = 256;
    /** A string's object and array headers; its characters are counted at two bytes each, the worst case. */
    private static final long STRING_BYTES = 48;
    /** A newest ID's map node; its two strings are counted as above. */
    private static final long NEWEST_ID_BYTES = 64;

    private final long maxBytes;
    private final ConcurrentHashMap<String, AgentIngress> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> newestIdByAccount = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}, as are the two below. */
    private long bytes;
    private int writesInFlight;
    /** Moves at every write's mark: a read's ticket from before it no longer matches. */
    private long writesStarted;
    /** Moves (under the lock) whenever an account's newest ID is dropped for a write: see {@link #created}. */
    private volatile long newestIdsDropped;

    @Autowired
    KeptIngresses(@Value("${spring.datasource.url:}") String datasourceUrl) {
        this(EmulatorProperties.Memory.holdsRowsInHeap(datasourceUrl) ? EmulatorProperties.Memory.KEPT_READS_BYTES : 0);
    }

    KeptIngresses(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Nullable
    AgentIngress get(String id) {
        return byId.get(id);
    }

    /** Taken before a read of the database, and given back with what it found to {@link #keep}. */
    long ticket() {
        if (maxBytes == 0) {
            return NOT_KEPT;
        }
        synchronized (lock) {
            return writesInFlight > 0 ? NOT_KEPT : writesStarted;
        }
    }

    /**
     * Keeps what a read found, unless a write was marked since its {@link #ticket()} (a ticket taken while one was in
     * flight keeps nothing, so neither does one from before a write still in flight).
     */
    void keep(long ticket, AgentIngress ingress) {
        if (ticket == NOT_KEPT) {
            return;
        }
        long size = bytesOf(ingress);
        synchronized (lock) {
            if (ticket != writesStarted || size > maxBytes) {
                return;
            }
            makeRoom(size);
            AgentIngress before = byId.put(ingress.getId(), ingress);
            bytes += size - (before == null ? 0 : bytesOf(before));
        }
    }

    /** The newest ID the account is known to have had, if kept: the next ID must follow it. */
    @Nullable
    String newestId(String account) {
        return newestIdByAccount.get(account);
    }

    /** Taken before the database is asked for an account's newest ID, and given back to {@link #created}. */
    long newestIdTicket() {
        return maxBytes == 0 ? NOT_KEPT : newestIdsDropped;
    }

    /**
     * Tells of the ID a create (or an import) gave an ingress of {@code account}: it raises the account's kept newest
     * ID, so that the account's next create follows this one. If none is kept, it becomes the kept one unless an
     * account's newest ID was dropped since {@code ticket} (then the database may have been read before a reset or
     * an import that it did not see).
     */
    void created(long ticket, String account, String id) {
        if (newestIdByAccount.computeIfPresent(account, (key, kept) -> later(kept, id)) != null
                || ticket == NOT_KEPT) {
            return;
        }
        long size = bytesOfNewestId(account, id);
        synchronized (lock) {
            if (ticket != newestIdsDropped) {
                return;
            }
            // IDs are all of one length, so a raise leaves the bytes as they are
            if (newestIdByAccount.computeIfPresent(account, (key, kept) -> later(kept, id)) == null) {
                makeRoom(size);
                newestIdByAccount.put(account, id);
                bytes += size;
            }
        }
    }

    private static String later(String kept, String id) {
        return kept.compareTo(id) >= 0 ? kept : id;
    }

    /** Guarded by {@link #lock}: empties both maps if {@code size} more would pass the bound. */
    private void makeRoom(long size) {
        if (bytes + size > maxBytes) {
            byId.clear();
            newestIdByAccount.clear();
            bytes = 0;
        }
    }

    /** Call in a write's transaction, before the statement that changes or deletes the row {@code id}. */
    void changing(String id) {
        mark(() -> forget(byId.remove(id)), () -> {
        });
    }

    /**
     * Call in a write's transaction, before the statement that deletes every row of {@code account} or adds rows of
     * its own choosing (an import). The account's newest ID is dropped now and again when the transaction ends: one
     * kept in between, from a create beside the write, may be older than what the write commits.
     */
    void changingAccount(String account) {
        Runnable dropNewestId = () -> {
            newestIdsDropped++;
            String newest = newestIdByAccount.remove(account);
            if (newest != null) {
                bytes -= bytesOfNewestId(account, newest);
            }
        };
        mark(() -> {
            byId.values().removeIf(ingress -> {
                boolean owned = ingress.account().equals(account);
                if (owned) {
                    forget(ingress);
                }
                return owned;
            });
            dropNewestId.run();
        }, dropNewestId);
    }

    /** Call in a write's transaction, before the statement that deletes every row. */
    void changingAll() {
        mark(() -> {
            byId.clear();
            newestIdByAccount.clear();
            newestIdsDropped++;
            bytes = 0;
        }, () -> {
            newestIdsDropped++;
            newestIdByAccount.forEach((account, newest) -> bytes -= bytesOfNewestId(account, newest));
            newestIdByAccount.clear();
        });
    }

    /**
     * Marks a write: {@code dropKept} runs now and {@code dropAgain} when its transaction ends, both under the lock.
     */
    private void mark(Runnable dropKept, Runnable dropAgain) {
        if (maxBytes == 0) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("a write to the ingresses outside a transaction");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                synchronized (lock) {
                    writesInFlight--;
                    dropAgain.run();
                }
            }
        });
        synchronized (lock) {
            writesInFlight++;
            writesStarted++;
            dropKept.run();
        }
    }

    /** Guarded by {@link #lock}. */
    private void forget(@Nullable AgentIngress ingress) {
        if (ingress != null) {
            bytes -= bytesOf(ingress);
        }
    }

    /** An upper estimate of what keeping {@code ingress} takes of the heap. */
    static long bytesOf(AgentIngress ingress) {
        long bytes = FIXED_BYTES;
        for (String string : ingress.strings()) {
            if (string != null) {
                bytes += STRING_BYTES + 2L * string.length();
            }
        }
        return bytes;
    }

    /** An upper estimate of what keeping {@code id} as the newest ID of {@code account} takes of the heap. */
    static long bytesOfNewestId(String account, String id) {
        return NEWEST_ID_BYTES + 2 * STRING_BYTES + 2L * (account.length() + id.length());
    }
}
