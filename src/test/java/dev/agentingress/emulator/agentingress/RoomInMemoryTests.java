package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The room for rows in memory: counted when it runs out, refused only on a fresh count. */
class RoomInMemoryTests {

    /** A table whose count is whatever the test says, and which says how often it was counted. */
    private static final class Table {
        final AtomicLong rows = new AtomicLong();
        final AtomicInteger counts = new AtomicInteger();

        long count() {
            counts.incrementAndGet();
            return rows.get();
        }
    }

    private final Table table = new Table();
    private final RoomInMemory room = new RoomInMemory(5, table::count);

    private boolean create() {
        boolean taken = room.takeOne();
        if (taken) {
            table.rows.incrementAndGet();
        }
        return taken;
    }

    @Test
    void takesAsManyPlacesAsACountLeavesAndCountsOnce() {
        for (int i = 0; i < 5; i++) {
            assertThat(create()).as("create %d", i + 1).isTrue();
        }

        assertThat(table.rows).hasValue(5);
        assertThat(table.counts).hasValue(1);
    }

    @Test
    void refusesOnlyOnAFreshCount() {
        table.rows.set(3);
        assertThat(create()).isTrue();
        assertThat(create()).isTrue();
        assertThat(table.counts).hasValue(1);

        assertThat(create()).isFalse();
        assertThat(table.counts).hasValue(2);
        assertThat(table.rows).hasValue(5);
    }

    @Test
    void aFullRoomCountsAgainAtEveryTakeAndSeesFreedPlaces() {
        table.rows.set(5);
        assertThat(create()).isFalse();
        assertThat(create()).isFalse();
        assertThat(table.counts).hasValue(2);

        table.rows.set(3); // two deleted

        assertThat(create()).isTrue();
        assertThat(create()).isTrue();
        assertThat(create()).isFalse();
    }

    @Test
    void rowsGoneSinceTheCountAreSeenWhenTheRoomRunsOut() {
        table.rows.set(4);
        assertThat(create()).isTrue();
        table.rows.set(0); // a reset

        for (int i = 0; i < 5; i++) {
            assertThat(create()).as("create %d after the reset", i + 1).isTrue();
        }
        assertThat(create()).isFalse();
    }

    /**
     * A place taken but not yet a row is not in a count made meanwhile: as with a count per create, the bound can be
     * passed by the creates in flight at most (here 8 threads), and every place is used.
     */
    @Test
    void concurrentCreatesPassTheBoundByTheCreatesInFlightAtMost() throws Exception {
        RoomInMemory big = new RoomInMemory(1_000, table::count);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger taken = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit((Callable<Void>) () -> {
                    start.await();
                    for (int i = 0; i < 500; i++) {
                        if (big.takeOne()) {
                            table.rows.incrementAndGet();
                            taken.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(taken.get()).isBetween(1_000, 1_008);
        assertThat(table.rows).hasValue(taken.get());
    }
}
