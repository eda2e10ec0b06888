package dev.agentingress.emulator.agentingress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.hibernate.jpa.HibernateHints;
import org.jspecify.annotations.Nullable;

import dev.agentingress.emulator.agentingress.filter.DatabaseCondition;

/**
 * Built with JPA Criteria, so every value of the filter is a bound parameter. Ordered by {@code account, id} like the
 * repository's own newest-first queries, for the same reason (H2 then reads the index backwards instead of sorting).
 */
class FilteredIngressQueriesImpl implements FilteredIngressQueries {

    private static final String TIMEOUT_HINT = "jakarta.persistence.query.timeout";

    private final EntityManager entityManager;

    FilteredIngressQueriesImpl(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public List<AgentIngress> newestFirstWhere(String account, @Nullable String beforeId, DatabaseCondition condition,
            int limit, Duration timeout) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<AgentIngress> query = cb.createQuery(AgentIngress.class);
        Root<AgentIngress> ingress = query.from(AgentIngress.class);
        List<Predicate> where = new ArrayList<>(3);
        where.add(cb.equal(ingress.get("account"), account));
        if (beforeId != null) {
            where.add(cb.lessThan(ingress.get("id"), beforeId));
        }
        where.add(condition.toPredicate(ingress, cb));
        query.select(ingress).where(where.toArray(Predicate[]::new))
                .orderBy(cb.desc(ingress.get("account")), cb.desc(ingress.get("id")));
        int seconds = (int) Math.min(Integer.MAX_VALUE / 1000, Math.max(1, (timeout.toMillis() + 999) / 1000));
        // the SQL of a criteria query is cached by its shape (the values are parameters), as an HQL query's is
        return entityManager.createQuery(query).setMaxResults(limit).setHint(TIMEOUT_HINT, seconds * 1000)
                .setHint(HibernateHints.HINT_QUERY_PLAN_CACHEABLE, true).getResultList();
    }
}
