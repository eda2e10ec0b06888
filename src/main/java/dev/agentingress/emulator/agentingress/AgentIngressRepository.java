package dev.agentingress.emulator.agentingress;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.agentingress.emulator.config.Transactions;

/**
 * Every query names the account, so one account can never reach another's ingresses; {@link #findById} is by key
 * alone, and its callers compare the row's account with the caller's. Newest-first queries order by
 * {@code account, id} (not {@code id} alone) although the account is fixed: only then does H2 read the
 * {@code (account, id)} index backwards instead of sorting all of the account's rows.
 */
interface AgentIngressRepository extends JpaRepository<AgentIngress, String>, FilteredIngressQueries {

    /**
     * By primary key, through the persistence context rather than a query. Joins the caller's transaction when there
     * is one (update, the certificate controls, import); alone (GET by id) it runs without one, as a single-row read
     * needs none: begin and commit were about a tenth of that request's time in a profile.
     */
    @Override
    @Transactional(transactionManager = Transactions.MANAGER, propagation = Propagation.SUPPORTS, readOnly = true)
    Optional<AgentIngress> findById(String id);

    /**
     * The row locked until the caller's transaction ends (SELECT ... FOR UPDATE), for every read-modify-write: a
     * second writer (PATCH, a certificate control, DELETE) waits, then sees the committed row or none. Without it,
     * two PATCHes each wrote back the field the other had changed, and a PATCH whose row a DELETE removed in between
     * failed its UPDATE.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from AgentIngress i where i.id = :id and i.account = :account")
    Optional<AgentIngress> findForUpdate(@Param("id") String id, @Param("account") String account);

    boolean existsByDomain(String domain);

    /** Which of {@code domains} are taken, in any account: an import asks once per batch instead of once per item. */
    @Query("select i.domain from AgentIngress i where i.domain in :domains")
    List<String> takenDomains(@Param("domains") Collection<String> domains);

    /**
     * Pages and batches join the caller's transaction when there is one; alone (a filtered list, an export), each
     * call is its own short transaction, so the connection goes back to the pool and the rows leave the persistence
     * context as soon as the batch is read.
     */
    @Transactional(transactionManager = Transactions.MANAGER, readOnly = true)
    @Query("select i from AgentIngress i where i.account = :account order by i.account desc, i.id desc")
    List<AgentIngress> newestFirst(@Param("account") String account, Limit limit);

    @Transactional(transactionManager = Transactions.MANAGER, readOnly = true)
    @Query("select i from AgentIngress i where i.account = :account and i.id < :beforeId"
            + " order by i.account desc, i.id desc")
    List<AgentIngress> newestFirstBefore(@Param("account") String account, @Param("beforeId") String beforeId,
            Limit limit);

    /**
     * Up to {@code limit} of the account's ingresses older than {@code beforeId} (null: from the newest), newest first.
     */
    default List<AgentIngress> newestFirst(String account, @Nullable String beforeId, Limit limit) {
        return beforeId == null ? newestFirst(account, limit) : newestFirstBefore(account, beforeId, limit);
    }

    /**
     * The IDs of the account's newest ingresses, without loading their rows: a create reads the newest one, and a
     * loaded row would sit in the persistence context for the flush to compare field by field.
     */
    @Query("select i.id from AgentIngress i where i.account = :account order by i.account desc, i.id desc")
    List<String> newestIds(@Param("account") String account, Limit limit);

    /** The ID of the account's newest ingress: the next ID follows it. */
    default Optional<String> newestId(String account) {
        return newestIds(account, Limit.of(1)).stream().findFirst();
    }

    @Modifying
    @Query("delete from AgentIngress i where i.account = :account")
    int deleteByAccount(@Param("account") String account);

    /** Accounts that hold at least one ingress (the operator's overview). */
    @Query("select count(distinct i.account) from AgentIngress i")
    long countAccounts();

    /** The operator's reset: {@code deleteAllInBatch()} without the count it does not return. */
    @Modifying
    @Query("delete from AgentIngress i")
    int deleteEveryAccount();

    @Modifying
    @Query("delete from AgentIngress i where i.id = :id and i.account = :account")
    int deleteByIdAndAccount(@Param("id") String id, @Param("account") String account);
}
