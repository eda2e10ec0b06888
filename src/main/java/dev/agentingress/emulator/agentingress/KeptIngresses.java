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
 * The ingresses that GET by ID found, kept in memory mode so that reading one again skips the database (the read was
 * about a fifth of a GET's CPU in a profile). An in-memory database is this process's own, so every change to a
 * stored row passes through here: a write marks its row, or an account's rows, before its statement, and the mark is
 * lifted when its transaction ends. While any write is in flight nothing new is kept, and a read that began before a
 * write's mark is not kept after it, so what is kept is always the row as last committed. Creates and imports add
 * rows and need no mark: only rows that were found are kept.
 * <p>
 * A kept entity is shared by every request that reads it, so nothing may change it; writes read their own copy,
 * locked. The kept entities are bounded by an estimate of their heap ({@link #bytesOf}): a read that would pass the
 * bound empties the map first. With a bound of zero (outside memory mode) nothing is kept.
 */
@Component
class KeptIngresses {

    /** What {@link #ticket()} gives while a write is in flight: a read that holds it is not kept. */
    static final long NOT_KEPT = -1;
    /** The entity, its four instants and its map node; its strings are counted by their length. */
    private static final long FIXED_BYTES = 256;
    /** A string's object and array headers; its characters are counted at two bytes each, the worst case. */
    private static final long STRING_BYTES = 48;

    private final long maxBytes;
    private final ConcurrentHashMap<String, AgentIngress> byId = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}, as are the two below. */
    private long bytes;
    private int writesInFlight;
    /** Moves at every write's mark: a read's ticket from before it no longer matches. */
    private long writesStarted;

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
            if (bytes + size > maxBytes) {
                byId.clear();
                bytes = 0;
            }
            AgentIngress before = byId.put(ingress.getId(), ingress);
            bytes += size - (before == null ? 0 : bytesOf(before));
        }
    }

    /** Call in a write's transaction, before the statement that changes or deletes the row {@code id}. */
    void changing(String id) {
        mark(() -> forget(byId.remove(id)));
    }

    /** Call in a write's transaction, before the statement that deletes every row of {@code account}. */
    void changingAccount(String account) {
        mark(() -> byId.values().removeIf(ingress -> {
            boolean owned = ingress.account().equals(account);
            if (owned) {
                forget(ingress);
            }
            return owned;
        }));
    }

    /** Call in a write's transaction, before the statement that deletes every row. */
    void changingAll() {
        mark(() -> {
            byId.clear();
            bytes = 0;
        });
    }

    private void mark(Runnable dropKept) {
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
}
