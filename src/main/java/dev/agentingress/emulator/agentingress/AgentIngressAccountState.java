package dev.agentingress.emulator.agentingress;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountState;
import dev.agentingress.emulator.config.Transactions;

/** An account's ingresses, as the reset control sees them: one delete, scoped to the account. */
@Component
class AgentIngressAccountState implements AccountState {

    private final AgentIngressRepository repository;
    private final KeptIngresses kept;

    AgentIngressAccountState(AgentIngressRepository repository, KeptIngresses kept) {
        this.repository = repository;
        this.kept = kept;
    }

    @Override
    @Transactional(transactionManager = Transactions.MANAGER)
    public Removed clear(Account account) {
        kept.changingAccount(account.id());
        return Removed.of(Kind.AGENT_INGRESSES, repository.deleteByAccount(account.id()));
    }

    @Override
    @Transactional(transactionManager = Transactions.MANAGER)
    public Removed clearAll() {
        kept.changingAll();
        return Removed.of(Kind.AGENT_INGRESSES, repository.deleteEveryAccount());
    }

    @Override
    @Transactional(transactionManager = Transactions.MANAGER, readOnly = true)
    public Held held() {
        return Held.of(Kind.AGENT_INGRESSES, repository.count(), repository.countAccounts());
    }
}
