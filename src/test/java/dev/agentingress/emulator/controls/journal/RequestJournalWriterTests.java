package dev.agentingress.emulator.controls.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * The journal's writer when the database misbehaves: a request never waits for ever, a full queue drops rather than
 * grows, and a failed write is counted without stopping the writer.
 */
class RequestJournalWriterTests {

    private static final EmulatorProperties.Journal SETTINGS = new EmulatorProperties.Journal(true, 200, 100, 1024,
            1024, DataSize.ofMegabytes(12), List.of(), EmulatorProperties.Journal.Store.DATABASE);
    private static final Account ALICE = new Account("alice");

    @Test
    void aFailedWriteIsCountedAndTheWriterWritesTheNextBatch() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        List<String> written = new CopyOnWriteArrayList<>();
        StubStore store = new StubStore(batch -> {
            if (down.get()) {
                throw new IllegalStateException("the database is down");
            }
            batch.forEach(recorded -> written.add(recorded.entry().operationId()));
        });
        try (RequestJournal journal = new RequestJournal(SETTINGS, store, 16, Duration.ofSeconds(5))) {
            journal.record(ALICE, entry("op_lost"));
            down.set(false);
            journal.record(ALICE, entry("op_kept"));

            assertThat(journal.failed()).isEqualTo(1);
            assertThat(written).containsExactly("op_kept");
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        AtomicInteger taken = new AtomicInteger();
        StubStore store = new StubStore(batch -> {
            taken.addAndGet(batch.size());
            await(stalled);
        });
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try (RequestJournal journal = new RequestJournal(SETTINGS, store, 2, Duration.ofSeconds(30))) {
            // one batch taken by the stalled writer, two entries waiting in the queue: the rest cannot be queued
            for (int i = 0; i < 8; i++) {
                requests.submit(() -> journal.record(ALICE, entry("op_waiting")));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((taken.get() == 0 || journal.dropped() + taken.get() < 6) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            assertThat(taken.get()).isPositive();
            assertThat(journal.dropped()).isEqualTo(6 - taken.get());
            stalled.countDown();
        } finally {
            requests.shutdown();
            assertThat(requests.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The commit never comes while the request waits: the request goes on once the commit wait has passed. */
    @Test
    void aRequestWhoseCommitDoesNotComeIsLetGo() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        StubStore store = new StubStore(batch -> await(stalled));
        ExecutorService request = Executors.newSingleThreadExecutor();
        try (RequestJournal journal = new RequestJournal(SETTINGS, store, 16, Duration.ofMillis(200))) {
            Future<?> recorded = request.submit(() -> journal.record(ALICE, entry("op_slow")));

            recorded.get(30, TimeUnit.SECONDS);
            assertThat(stalled.getCount()).isEqualTo(1);
            stalled.countDown();
        } finally {
            request.shutdown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JournalEntry entry(String operationId) {
        return new JournalEntry(Instant.EPOCH, operationId, "AgentIngressesList", "GET", "/agent_ingresses", null,
                200, 1, Map.of(), false, "", false, "", false);
    }

    /** A database store that only writes, as the test says. */
    private static final class StubStore extends DatabaseJournalStore {

        private final Consumer<List<Recorded>> writes;

        StubStore(Consumer<List<Recorded>> writes) {
            super(null, null, SETTINGS, false);
            this.writes = writes;
        }

        @Override
        public void write(List<Recorded> batch) {
            writes.accept(batch);
        }
    }
}
