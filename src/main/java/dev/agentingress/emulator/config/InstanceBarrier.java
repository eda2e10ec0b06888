package dev.agentingress.emulator.config;

import java.time.Duration;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How a change made through one instance reaches what every other instance on the database has cached, before the
 * change is answered: the changing instance raises a barrier (the counter of {@code emulator_barrier}) and waits until
 * every live instance has acknowledged it; an instance acknowledges a barrier after it has dropped its caches. Each
 * instance has a row in {@code emulator_instances} (migration V10) with the barrier it acknowledged last and when it
 * last said so; it looks for a new barrier every {@link #CHECK_INTERVAL} and writes its row on a new one, and at
 * least every {@link #HEARTBEAT}. A row not renewed for {@link #LIVENESS} is an instance that stopped, which no change
 * waits for; a live instance that does not acknowledge (its database connection stalled) holds a change up to
 * {@code maxWait}.
 * <p>
 * That instance must not answer from its caches meanwhile: they are trusted only while its last look for a barrier
 * began less than four fifths of {@code maxWait} ago ({@link #cachesTrusted()}); a change that stopped waiting for it
 * was raised after that look began, so by then the instance has stopped trusting them.
 */
public class InstanceBarrier implements AutoCloseable {

    static final Duration CHECK_INTERVAL = Duration.ofMillis(100);
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final Duration LIVENESS = Duration.ofSeconds(10);
    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(1);
    /**
     * Between the checks of whether the other instances have acknowledged a barrier: short at first, as a healthy
     * instance answers within its next look, then doubling up to half a look's interval, so that a change held by a
     * stalled instance asks the database some hundred times in its wait rather than a thousand.
     */
    private static final long FIRST_POLL_MILLIS = 5;
    private static final long LONGEST_POLL_MILLIS = CHECK_INTERVAL.toMillis() / 2;

    private static final Log log = LogFactory.getLog(InstanceBarrier.class);
    private static final String CURRENT = "SELECT raised FROM emulator_barrier WHERE id = 1";
    private static final String RAISE = "UPDATE emulator_barrier SET raised = raised + 1 WHERE id = 1";
    /** Rows of instances gone for an hour: long past any change that could wait for them. */
    private static final String FORGET_GONE = "DELETE FROM emulator_instances"
            + " WHERE seen_at < CURRENT_TIMESTAMP - INTERVAL '1' HOUR";
    private static final String REGISTER = "INSERT INTO emulator_instances (instance, acked, seen_at)"
            + " VALUES (?, ?, CURRENT_TIMESTAMP)";
    private static final String ACKNOWLEDGE = "UPDATE emulator_instances SET acked = ?, seen_at = CURRENT_TIMESTAMP"
            + " WHERE instance = ?";
    private static final String BEHIND = "SELECT COUNT(*) FROM emulator_instances WHERE instance <> ? AND acked < ?"
            + " AND seen_at > CURRENT_TIMESTAMP - INTERVAL '1' SECOND * CAST(? AS INTEGER)";
    private static final String UNREGISTER = "DELETE FROM emulator_instances WHERE instance = ?";

    private final JdbcTemplate jdbc;
    private final String instance = UUID.randomUUID().toString();
    private final Duration maxWait;
    private final long trustedForNanos;
    private final Thread watcher;
    private volatile boolean running;
    private volatile Runnable dropCaches = () -> {
    };
    /** When this instance's last completed look for a barrier began ({@link System#nanoTime()}). */
    private volatile long lastLookStarted;
    /** Watcher thread only: the barrier this instance acknowledged last, and when it last wrote its row. */
    private long acked;
    private long lastWritten;
    /** Whether the last look failed, so that a database that stays down is logged once; watcher thread only. */
    private boolean failing;
    private volatile boolean lateLogged;
    /** A change was committed but its barrier could not be raised: the watcher raises it. */
    private volatile boolean owed;

    public InstanceBarrier(JdbcTemplate jdbc) {
        this(jdbc, MAX_WAIT);
    }

    InstanceBarrier(JdbcTemplate jdbc, Duration maxWait) {
        this.jdbc = jdbc;
        this.maxWait = maxWait;
        this.trustedForNanos = maxWait.toNanos() / 5 * 4;
        this.watcher = new Thread(this::watch, "instance-barrier");
        this.watcher.setDaemon(true);
    }

    /** Registers this instance and starts answering barriers, each after {@code dropCaches} has run. */
    public void start(Runnable dropCaches) {
        this.dropCaches = dropCaches;
        jdbc.update(FORGET_GONE);
        // it cached nothing yet: every barrier raised so far is acknowledged
        long started = System.nanoTime();
        acked = current();
        jdbc.update(REGISTER, instance, acked);
        lastWritten = started;
        lastLookStarted = started;
        running = true;
        watcher.start();
    }

    /**
     * Returns once every other live instance has dropped what it cached before this call, or after {@code maxWait};
     * false then, or when the database failed. A barrier that could not be raised is owed: the watcher raises it at
     * its next look that reaches the database, as the change it stands for is already committed.
     */
    public boolean await() {
        try {
            jdbc.update(RAISE);
        } catch (DataAccessException e) {
            owed = true;
            log.warn("Could not tell the other instances of a change; this instance tells them as soon as it can "
                    + "reach the database", e);
            return false;
        }
        long barrier;
        try {
            barrier = current();
        } catch (DataAccessException e) {
            log.warn("Could not see which barrier a change raised; the other instances take it in when they can", e);
            return false;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        long poll = FIRST_POLL_MILLIS;
        while (true) {
            Integer behind;
            try {
                behind = jdbc.queryForObject(BEHIND, Integer.class, instance, barrier, LIVENESS.toSeconds());
            } catch (DataAccessException e) {
                log.warn("Could not see whether the other instances took in a change (raised as barrier " + barrier
                        + "); they do when they can read it", e);
                return false;
            }
            if (behind == null || behind == 0) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                if (!lateLogged) {
                    lateLogged = true;
                    log.warn("An instance on this database did not acknowledge a change within " + maxWait.toMillis()
                            + " ms (its database connection is slow?); it stops answering from its caches until it "
                            + "can read the database again (logged once)");
                }
                return false;
            }
            try {
                Thread.sleep(poll);
                poll = Math.min(2 * poll, LONGEST_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Whether this instance may answer from its caches: it has looked for barriers lately. */
    public boolean cachesTrusted() {
        return running && System.nanoTime() - lastLookStarted < trustedForNanos;
    }

    /**
     * Stops answering barriers and removes this instance's row, so that no change waits for it. Waits at most
     * {@link #SHUTDOWN_WAIT} for each: with the database down, a statement would wait for the pool's connection
     * time-out (30 s), and the row goes stale in {@link #LIVENESS} anyway.
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        watcher.interrupt();
        Thread leave = new Thread(() -> {
            try {
                jdbc.update(UNREGISTER, instance);
            } catch (RuntimeException e) {
                log.debug("Could not remove this instance's row; it goes stale", e);
            }
        }, "instance-barrier-leave");
        leave.setDaemon(true);
        try {
            watcher.join(SHUTDOWN_WAIT.toMillis());
            leave.start();
            leave.join(SHUTDOWN_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void watch() {
        while (running) {
            try {
                look();
                if (failing) {
                    log.info("The instance barrier is read again");
                    failing = false;
                }
            } catch (RuntimeException e) {
                if (!failing && running) {
                    log.warn("The instance barrier could not be read (logged once until it is); this instance does "
                            + "not answer from its caches meanwhile", e);
                    failing = true;
                }
            }
            try {
                Thread.sleep(CHECK_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                // close() ends the loop
            }
        }
    }

    /** Drops the caches and acknowledges a new barrier; otherwise says this instance is alive, now and then. */
    private void look() {
        if (owed) {
            // cleared first, so that a change failing to raise meanwhile is owed again rather than lost
            owed = false;
            try {
                jdbc.update(RAISE);
            } catch (RuntimeException e) {
                owed = true;
                throw e;
            }
        }
        long started = System.nanoTime();
        long barrier = current();
        boolean raised = barrier > acked;
        if (raised) {
            dropCaches.run();
        }
        if (raised || started - lastWritten >= HEARTBEAT.toNanos()) {
            if (jdbc.update(ACKNOWLEDGE, barrier, instance) == 0) {
                // removed as gone while this instance stood still for an hour (a paused VM): it is back
                jdbc.update(REGISTER, instance, barrier);
            }
            acked = barrier;
            lastWritten = started;
        }
        lastLookStarted = started;
    }

    private long current() {
        Long raised = jdbc.queryForObject(CURRENT, Long.class);
        return raised == null ? 0 : raised;
    }
}
