package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/**
 * What memory mode keeps of the ingresses GET by ID read and of each account's newest ID: only what was committed,
 * never what was read across a write, within one bound of bytes. A write's transaction is played by this thread's
 * transaction synchronization.
 */
class KeptIngressesTests {

    private static final long ROOMY = 1024 * 1024;

    @AfterEach
    void noTransactionLeftOpen() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void aReadWithNoWriteBesideItIsKept() {
        KeptIngresses kept = new KeptIngresses(ROOMY);
        AgentIngress ingress = ingress("agin_1", "account-a");

        kept.keep(kept.ticket(), ingress);

        assertThat(kept.get("agin_1")).isSameAs(ingress);
        assertThat(kept.get("agin_2")).isNull();
    }

    @Test
    void aReadThatBeganBeforeAWriteIsNotKeptAfterIt() {
        KeptIngresses kept = new KeptIngresses(ROOMY);
        long ticket = kept.ticket();

        inTransaction(() -> kept.changing("agin_1"), TransactionSynchronization.STATUS_COMMITTED);
        kept.keep(ticket, ingress("agin_1", "account-a"));

        assertThat(kept.get("agin_1")).isNull();
    }

    @Test
    void nothingIsKeptWhileAWriteIsInFlightAndReadsAreKeptAgainOnceItEnds() {
        KeptIngresses kept = new KeptIngresses(ROOMY);
        TransactionSynchronizationManager.initSynchronization();
        kept.changing("agin_1");

        long during = kept.ticket();
        kept.keep(during, ingress("agin_2", "account-a"));
        assertThat(during).isEqualTo(KeptIngresses.NOT_KEPT);
        assertThat(kept.get("agin_2")).isNull();

        complete(TransactionSynchronization.STATUS_COMMITTED);
        kept.keep(kept.ticket(), ingress("agin_2", "account-a"));
        assertThat(kept.get("agin_2")).isNotNull();
    }

    @Test
    void aWriteThatRollsBackAlsoEnds() {
        KeptIngresses kept = new KeptIngresses(ROOMY);

        inTransaction(() -> kept.changing("agin_1"), TransactionSynchronization.STATUS_ROLLED_BACK);
        kept.keep(kept.ticket(), ingress("agin_1", "account-a"));

        assertThat(kept.get("agin_1")).isNotNull();
    }

    @Test
    void aWriteForgetsItsRowAndOnlyItsRow() {
        KeptIngresses kept = new KeptIngresses(ROOMY);
        AgentIngress other = ingress("agin_2", "account-a");
        kept.keep(kept.ticket(), ingress("agin_1", "account-a"));
        kept.keep(kept.ticket(), other);

        inTransaction(() -> kept.changing("agin_1"), TransactionSynchronization.STATUS_COMMITTED);

        assertThat(kept.get("agin_1")).isNull();
        assertThat(kept.get("agin_2")).isSameAs(other);
    }

    @Test
    void anAccountsResetForgetsThatAccountsRowsOnly() {
        KeptIngresses kept = new KeptIngresses(ROOMY);
        AgentIngress other = ingress("agin_3", "account-b");
        kept.keep(kept.ticket(), ingress("agin_1", "account-a"));
        kept.keep(kept.ticket(), ingress("agin_2", "account-a"));
        kept.keep(kept.ticket(), other);

        inTransaction(() -> kept.changingAccount("account-a"), TransactionSynchronization.STATUS_COMMITTED);

        assertThat(kept.get("agin_1")).isNull();
        assertThat(kept.get("agin_2")).isNull();
        assertThat(kept.get("agin_3")).isSameAs(other);
    }

    @Test
    void theOperatorsResetForgetsEveryRow() {
        KeptIngresses kept = new KeptIngresses(ROOMY);
        kept.keep(kept.ticket(), ingress("agin_1", "account-a"));
        kept.keep(kept.ticket(), ingress("agin_2", "account-b"));

        inTransaction(kept::changingAll, TransactionSynchronization.STATUS_COMMITTED);

        assertThat(kept.get("agin_1")).isNull();
        assertThat(kept.get("agin_2")).isNull();
    }

    @Test
    void aReadThatWouldPassTheBoundEmptiesTheKeptFirst() {
        AgentIngress first = ingress("agin_1", "account-a");
        KeptIngresses kept = new KeptIngresses(2 * KeptIngresses.bytesOf(first));
        kept.keep(kept.ticket(), first);
        kept.keep(kept.ticket(), ingress("agin_2", "account-a"));

        AgentIngress third = ingress("agin_3", "account-a");
        kept.keep(kept.ticket(), third);

        assertThat(kept.get("agin_1")).isNull();
        assertThat(kept.get("agin_2")).isNull();
        assertThat(kept.get("agin_3")).isSameAs(third);
    }

    @Test
    void forgottenRowsGiveTheirBytesBack() {
        AgentIngress first = ingress("agin_1", "account-a");
        KeptIngresses kept = new KeptIngresses(2 * KeptIngresses.bytesOf(first));
        AgentIngress second = ingress("agin_2", "account-a");
        kept.keep(kept.ticket(), first);
        kept.keep(kept.ticket(), second);

        inTransaction(() -> kept.changing("agin_1"), TransactionSynchronization.STATUS_COMMITTED);
        kept.keep(kept.ticket(), ingress("agin_3", "account-a"));

        assertThat(kept.get("agin_2")).isSameAs(second);
        assertThat(kept.get("agin_3")).isNotNull();
    }

    @Test
    void anIngressLargerThanTheBoundIsNeverKept() {
        AgentIngress small = ingress("agin_1", "account-a");
        AgentIngress large = ingress("agin_2", "account-a");
        large.setMetadata("m".repeat(4096));
        KeptIngresses kept = new KeptIngresses(KeptIngresses.bytesOf(small) + 100);
        kept.keep(kept.ticket(), small);

        kept.keep(kept.ticket(), large);

        assertThat(kept.get("agin_2")).isNull();
        assertThat(kept.get("agin_1")).isSameAs(small);
    }

    @Test
    void theEstimateCountsEveryCharacterAtTwoBytes() {
        AgentIngress plain = ingress("agin_1", "account-a");
        AgentIngress described = ingress("agin_1", "account-a");
        described.setDescription("d".repeat(100));

        assertThat(KeptIngresses.bytesOf(described) - KeptIngresses.bytesOf(plain)).isEqualTo(200);
    }

    @Test
    void withNoBytesNothingIsKeptAndWritesNeedNoTransaction() {
        KeptIngresses kept = new KeptIngresses(0);

        kept.keep(kept.ticket(), ingress("agin_1", "account-a"));
        kept.created(kept.newestIdTicket(), "account-a", "agin_1");
        kept.changing("agin_1");
        kept.changingAccount("account-a");

        assertThat(kept.get("agin_1")).isNull();
        assertThat(kept.newestId("account-a")).isNull();
        assertThat(kept.ticket()).isEqualTo(KeptIngresses.NOT_KEPT);
        assertThat(kept.newestIdTicket()).isEqualTo(KeptIngresses.NOT_KEPT);
    }

    @Test
    void aWriteOutsideATransactionIsRefused() {
        KeptIngresses kept = new KeptIngresses(ROOMY);

        assertThatThrownBy(() -> kept.changing("agin_1")).isInstanceOf(IllegalStateException.class);
        kept.keep(kept.ticket(), ingress("agin_1", "account-a"));
        assertThat(kept.get("agin_1")).as("a refused mark leaves no write in flight").isNotNull();
    }

    @Test
    void readersRacingWritersNeverKeepWhatAWriteBeganAfter() throws Exception {
        KeptIngresses kept = new KeptIngresses(ROOMY);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                CountDownLatch gate = new CountDownLatch(1);
                long ticket = kept.ticket();
                String id = "agin_" + round;
                Future<?> writer = threads.submit(() -> {
                    gate.await();
                    inTransaction(() -> kept.changing(id), TransactionSynchronization.STATUS_COMMITTED);
                    return null;
                });
                Future<?> reader = threads.submit(() -> {
                    gate.await();
                    kept.keep(ticket, ingress(id, "account-a"));
                    return null;
                });
                gate.countDown();
                writer.get(10, TimeUnit.SECONDS);
                reader.get(10, TimeUnit.SECONDS);
                assertThat(kept.get(id)).as("round %d: kept across a write it began before", round).isNull();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCreateWithNoWriteBesideItKeepsItsAccountsNewestId() {
        KeptIngresses kept = new KeptIngresses(ROOMY);

        kept.created(kept.newestIdTicket(), "account-a", "agin_2");

        assertThat(kept.newestId("account-a")).isEqualTo("agin_2");
        assertThat(kept.newestId("account-b")).isNull();
    }

    @Test
    void aKeptNewestIdOnlyGrowsAndEveryCreateRaisesItWhateverItsTicket() {
        KeptIngresses kept = new KeptIngresses(ROOMY);
        kept.created(kept.newestIdTicket(), "account-a", "agin_2");
        long dropped = kept.newestIdTicket();
        inTransaction(() -> kept.changingAccount("account-b"), TransactionSynchronization.STATUS_COMMITTED);

        kept.created(dropped, "account-a", "agin_3");
        kept.created(KeptIngresses.NOT_KEPT, "account-a", "agin_1");

        assertThat(kept.newestId("account-a")).as("raised whatever the ticket, never lowered").isEqualTo("agin_3");
    }

    @Test
    void aNewestIdFoundBeforeAnAccountsResetEndedIsNotKept() {
        KeptIngresses kept = new KeptIngresses(ROOMY);
        long before = kept.newestIdTicket();
        inTransaction(() -> kept.changingAccount("account-a"), TransactionSynchronization.STATUS_COMMITTED);
        kept.created(before, "account-a", "agin_1");
        assertThat(kept.newestId("account-a")).isNull();

        TransactionSynchronizationManager.initSynchronization();
        kept.changingAccount("account-b");
        kept.created(kept.newestIdTicket(), "account-a", "agin_2");
        kept.created(kept.newestIdTicket(), "account-b", "agin_3");
        assertThat(kept.newestId("account-a")).as("kept beside a write in flight").isEqualTo("agin_2");
        complete(TransactionSynchronization.STATUS_ROLLED_BACK);

        assertThat(kept.newestId("account-b")).as("dropped again as the write ended").isNull();
        assertThat(kept.newestId("account-a")).isEqualTo("agin_2");
    }

    @Test
    void theOperatorsResetDropsEveryNewestIdWhenItStartsAndAgainWhenItEnds() {
        KeptIngresses kept = new KeptIngresses(ROOMY);
        kept.created(kept.newestIdTicket(), "account-a", "agin_1");
        TransactionSynchronizationManager.initSynchronization();

        kept.changingAll();
        assertThat(kept.newestId("account-a")).isNull();
        kept.created(kept.newestIdTicket(), "account-a", "agin_2");
        complete(TransactionSynchronization.STATUS_COMMITTED);

        assertThat(kept.newestId("account-a")).isNull();
    }

    @Test
    void aRowsWriteLeavesNewestIdsAlone() {
        KeptIngresses kept = new KeptIngresses(ROOMY);
        long before = kept.newestIdTicket();

        inTransaction(() -> kept.changing("agin_1"), TransactionSynchronization.STATUS_COMMITTED);
        kept.created(before, "account-a", "agin_2");

        assertThat(kept.newestId("account-a")).isEqualTo("agin_2");
    }

    @Test
    void anAccountsResetOrImportForgetsThatAccountsNewestIdOnlyAndTheOperatorsResetEveryOne() {
        KeptIngresses kept = new KeptIngresses(ROOMY);
        kept.created(kept.newestIdTicket(), "account-a", "agin_1");
        kept.created(kept.newestIdTicket(), "account-b", "agin_2");

        inTransaction(() -> kept.changingAccount("account-a"), TransactionSynchronization.STATUS_COMMITTED);
        assertThat(kept.newestId("account-a")).isNull();
        assertThat(kept.newestId("account-b")).isEqualTo("agin_2");

        inTransaction(kept::changingAll, TransactionSynchronization.STATUS_COMMITTED);
        assertThat(kept.newestId("account-b")).isNull();
    }

    @Test
    void newestIdsShareTheBoundWithTheKeptIngresses() {
        AgentIngress ingress = ingress("agin_1", "account-a");
        long newestId = KeptIngresses.bytesOfNewestId("account-a", "agin_1");
        KeptIngresses kept = new KeptIngresses(KeptIngresses.bytesOf(ingress) + newestId);
        kept.keep(kept.ticket(), ingress);
        kept.created(kept.newestIdTicket(), "account-a", "agin_1");
        assertThat(kept.get("agin_1")).as("both fit").isSameAs(ingress);

        kept.created(kept.newestIdTicket(), "account-b", "agin_2");

        assertThat(kept.get("agin_1")).isNull();
        assertThat(kept.newestId("account-a")).isNull();
        assertThat(kept.newestId("account-b")).isEqualTo("agin_2");
    }

    @Test
    void aForgottenNewestIdGivesItsBytesBack() {
        long size = KeptIngresses.bytesOfNewestId("account-a", "agin_1");
        KeptIngresses kept = new KeptIngresses(2 * size);
        kept.created(kept.newestIdTicket(), "account-a", "agin_1");
        kept.created(kept.newestIdTicket(), "account-b", "agin_1");

        inTransaction(() -> kept.changingAccount("account-a"), TransactionSynchronization.STATUS_COMMITTED);
        kept.created(kept.newestIdTicket(), "account-c", "agin_1");

        assertThat(kept.newestId("account-b")).isEqualTo("agin_1");
        assertThat(kept.newestId("account-c")).isEqualTo("agin_1");
    }

    @Test
    void theNewestIdEstimateCountsEveryCharacterAtTwoBytes() {
        assertThat(KeptIngresses.bytesOfNewestId("a".repeat(101), "agin_1")
                - KeptIngresses.bytesOfNewestId("a", "agin_1")).isEqualTo(200);
    }

    private static AgentIngress ingress(String id, String account) {
        return new AgentIngress(id, account, id + ".example.com", Instant.parse("2026-12-01T00:00:00Z"));
    }

    private static void inTransaction(Runnable write, int status) {
        TransactionSynchronizationManager.initSynchronization();
        try {
            write.run();
        } finally {
            complete(status);
        }
    }

    private static void complete(int status) {
        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations, status);
    }
}
