package dev.agentingress.emulator.api;

/**
 * Something the emulator keeps per account (ingresses, journal, fault rules, clock). The reset control clears every
 * bean of this type, so a new kind of state takes part in resets by implementing it.
 */
public interface AccountState {

    /** Forgets everything of one account; returns how many items went (0 where counting means nothing). */
    int clear(Account account);

    /** Forgets everything of every account: the operator's reset. */
    void clearAll();
}
