package dev.agentingress.emulator.agentingress;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Every lookup names the account, so one account can never reach another's ingresses. */
interface AgentIngressRepository extends JpaRepository<AgentIngress, String> {

    Optional<AgentIngress> findByIdAndAccount(String id, String account);

    /** The account's newest ingress: the next ID follows it. */
    Optional<AgentIngress> findFirstByAccountOrderByIdDesc(String account);

    boolean existsByDomain(String domain);

    List<AgentIngress> findByAccountOrderByIdDesc(String account, Limit limit);

    List<AgentIngress> findByAccountAndIdLessThanOrderByIdDesc(String account, String beforeId, Limit limit);

    List<AgentIngress> findByAccountOrderByIdDesc(String account);

    boolean existsByIdAndAccountNot(String id, String account);

    @Modifying
    @Query("delete from AgentIngress i where i.account = :account")
    int deleteByAccount(@Param("account") String account);

    @Modifying
    @Query("delete from AgentIngress i where i.id = :id and i.account = :account")
    int deleteByIdAndAccount(@Param("id") String id, @Param("account") String account);
}
