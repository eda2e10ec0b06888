package dev.agentingress.emulator.agentingress;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/**
 * A writer that waits longer for another's row lock than the database allows (H2: 2 s) gets a 409 to retry, not a
 * 500: here a transaction of the test holds the lock for longer than that. PostgreSQL has no lock timeout unless one
 * is set: there a writer waits for the lock as long as it takes, so the test does not apply.
 */
@DisabledIfSystemProperty(named = "spring.datasource.url", matches = "jdbc:postgresql:.*")
class RowLockTimeoutIntegrationTests extends ApiIntegrationTest {

    @Autowired
    private EntityManager entityManager;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void aPatchThatCannotGetTheRowLockIs409() throws Exception {
        String id = createIngress(uniqueDomain());

        whileLocked(id, () -> apiJson("{\"description\":\"late\"}").patch("/agent_ingresses/" + id)
                .then().statusCode(409).body("status_code", equalTo(409))
                .body("msg", containsString("is being changed by other requests")));

        api().get("/agent_ingresses/" + id).then().statusCode(200).body("description", not(equalTo("late")));
    }

    @Test
    void aDeleteThatCannotGetTheRowLockIs409() throws Exception {
        String id = createIngress(uniqueDomain());

        whileLocked(id, () -> api().delete("/agent_ingresses/" + id).then().statusCode(409));

        api().get("/agent_ingresses/" + id).then().statusCode(200);
    }

    /** Runs {@code request} while another transaction holds the row's write lock. */
    private void whileLocked(String id, Runnable request) throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            entityManager.find(AgentIngress.class, id, LockModeType.PESSIMISTIC_WRITE);
            locked.countDown();
            await(done);
        }));
        try {
            locked.await(30, TimeUnit.SECONDS);
            request.run();
        } finally {
            done.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
