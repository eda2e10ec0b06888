package dev.agentingress.emulator.api;

import org.jspecify.annotations.Nullable;

/**
 * Something the emulator keeps per account (ingresses, journal, fault rules, clock). The reset control clears every
 * bean of this type, so a new kind of state takes part in resets by implementing it.
 */
public interface AccountState {

    /** Forgets everything of one account; returns how many of its items went. */
    Removed clear(Account account);

    /** Forgets everything of every account (the operator's reset); returns how many items went. */
    Removed clearAll();

    /**
     * How many items of this kind every account holds together, and how many accounts hold any: the operator's
     * overview. State that holds no items a test made holds {@link Held#NOTHING}.
     */
    default Held held() {
        return Held.NOTHING;
    }

    /** The kinds of item a reset counts, each a field of its answer. */
    enum Kind {
        AGENT_INGRESSES, JOURNAL_ENTRIES, FAULT_RULES
    }

    /**
     * How many items of one kind a reset removed. State that holds no items a test made (a clock setting, the
     * bookkeeping of old databases) removes {@link #NOTHING}.
     */
    record Removed(@Nullable Kind kind, int count) {

        public static final Removed NOTHING = new Removed(null, 0);

        public static Removed of(Kind kind, int count) {
            return new Removed(kind, count);
        }
    }

    /** What every account holds of one kind together, and in how many accounts. */
    record Held(@Nullable Kind kind, long count, long accounts) {

        public static final Held NOTHING = new Held(null, 0, 0);

        public static Held of(Kind kind, long count, long accounts) {
            return new Held(kind, count, accounts);
        }
    }
}
