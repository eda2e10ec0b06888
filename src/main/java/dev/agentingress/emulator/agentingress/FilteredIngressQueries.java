package dev.agentingress.emulator.agentingress;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;

import dev.agentingress.emulator.agentingress.filter.DatabaseCondition;
import dev.agentingress.emulator.config.Transactions;

/** The list queries that carry a filter's {@link DatabaseCondition}: a fragment of {@link AgentIngressRepository}. */
interface FilteredIngressQueries {

    /**
     * Up to {@code limit} of the account's ingresses older than {@code beforeId} (null: from the newest) that meet
     * {@code condition}, newest first, as {@code newestFirst} reads them. Its own short transaction when alone, as
     * theirs.
     *
     * @param timeout how long the database may take (rounded up to a second, the unit drivers offer)
     */
    @Transactional(transactionManager = Transactions.MANAGER, readOnly = true)
    List<AgentIngress> newestFirstWhere(String account, @Nullable String beforeId, DatabaseCondition condition,
            int limit, Duration timeout);
}
