package dev.agentingress.emulator.controls.faults;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountState;
import dev.agentingress.emulator.api.NgrokOperations;
import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.api.error.NgrokException;
import dev.agentingress.emulator.config.ControlChanges;
import dev.agentingress.emulator.config.EmulatorClock;
import dev.agentingress.emulator.config.EmulatorProperties;
import dev.agentingress.emulator.ids.KsuidGenerator;

/**
 * Every account's fault rules, in the database (table {@code fault_rules}), so that every instance on it applies the
 * same rules and a {@code times} rule fails exactly that many calls in all, counted down by an {@code UPDATE} that
 * changes the row only while its count is above 0. Bounded: at most {@value #MAX_RULES_PER_ACCOUNT} rules an
 * account, and {@code emulator.faults.max-rules} in all, every account together (exact within an instance, whose adds
 * take turns; instances adding at the same moment may each take the last place). Each rule is small and bounded
 * itself: a fixed-length ID, a known operation name, an error code of at most 64 characters. Rules are tried oldest
 * first; the first that applies to the operation and fires decides the call.
 */
@Service
class FaultRules implements AccountState {

    static final int MAX_RULES_PER_ACCOUNT = 100;

    /** A rule whose count reached 0 is gone, though the call that used it up may not have deleted it yet. */
    private static final String LIVE = "(remaining IS NULL OR remaining > 0)";
    private static final String COLUMNS = "seq, id, operation, status, latency_ms, error_code, probability, remaining";
    /**
     * The one query of every API call: the rules that apply to its operation and, in the same round trip, the
     * account's clock settings, which the clock keeps for the rest of the call ({@link EmulatorClock#remember}). The
     * union is wrapped in a plain SELECT because H2 parses a bare UNION again on every call (its session cache keeps
     * only SELECTs), which cost some 10 µs a call against about 1 µs.
     */
    private static final String RULES_AND_CLOCK = "SELECT * FROM (SELECT " + COLUMNS
            + ", CAST(NULL AS VARCHAR(128)) AS clock_account, "
            + "CAST(NULL AS BIGINT) AS frozen_nanos, CAST(NULL AS BIGINT) AS offset_nanos FROM fault_rules "
            + "WHERE account = ? AND operation IN (?, '" + FaultRule.EVERY_OPERATION + "') AND " + LIVE
            + " UNION ALL SELECT NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, account, frozen_nanos, offset_nanos "
            + "FROM emulator_clocks WHERE account IN (?, '')) AS controls";

    private final NgrokOperations operations;
    private final KsuidGenerator ids;
    private final JdbcTemplate jdbc;
    private final EmulatorClock clock;
    private final int maxRules;
    private final ControlChanges changes;
    private final QuietCalls quietCalls;
    /** This instance's adds, one at a time, so that the bounds hold exactly within it. */
    private final Object adds = new Object();

    FaultRules(NgrokOperations operations, KsuidGenerator ids, EmulatorProperties properties, JdbcTemplate jdbc,
            EmulatorClock clock, ControlChanges changes) {
        this.operations = operations;
        this.ids = ids;
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxRules = properties.faults().maxRules();
        this.changes = changes;
        this.quietCalls = new QuietCalls(changes);
    }

    FaultRule add(Account account, FaultRuleCreate request) {
        FaultRule rule = new FaultRule(0, "flt_" + ids.nextRandom(), operation(request.operation()), fault(request),
                probability(request), request.times());
        synchronized (adds) {
            int[] held = jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(CASE WHEN account = ? THEN 1 ELSE 0 END), "
                    + "0) FROM fault_rules WHERE " + LIVE, (row, i) -> new int[]{row.getInt(1), row.getInt(2)},
                    account.id());
            if (held != null && held[1] >= MAX_RULES_PER_ACCOUNT) {
                throw invalid("An account holds at most " + MAX_RULES_PER_ACCOUNT + " fault rules; DELETE "
                        + FaultController.PATH + " clears them.");
            }
            if (held != null && held[0] >= maxRules) {
                throw NgrokErrors.limitReached("fault rules in all accounts together", maxRules,
                        "emulator.faults.max-rules", "DELETE " + FaultController.PATH + " clears an account's rules.");
            }
            Fault fault = rule.fault();
            jdbc.update("INSERT INTO fault_rules (id, account, operation, status, latency_ms, error_code, probability, "
                    + "remaining) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rule.id(), account.id(), rule.operation(),
                    fault.status() == null ? null : fault.status().value(), fault.latency().toMillis(),
                    fault.errorCode(), rule.probability(), rule.remaining());
        }
        changes.changed();
        return rule;
    }

    List<FaultRule> list(Account account) {
        return jdbc.query("SELECT " + COLUMNS + " FROM fault_rules WHERE account = ? AND " + LIVE + " ORDER BY seq",
                (row, i) -> rule(row), account.id());
    }

    /**
     * The rule that decides this call, if any. A {@code times} rule fires only if this call took one of its counts in
     * the database, and the call that takes the last one deletes it.
     */
    @Nullable
    FaultRule next(Account account, String operation) {
        long changesSoFar = quietCalls.changesSoFar();
        if (quietCalls.isQuiet(account.id(), operation, changesSoFar)) {
            clock.remember(account.id(), List.of());
            return null;
        }
        List<FaultRule> rules = new ArrayList<>();
        List<EmulatorClock.StoredSetting> clocks = new ArrayList<>();
        jdbc.query(RULES_AND_CLOCK, (ResultSet row) -> {
            String clockAccount = row.getString(9);
            if (clockAccount != null) {
                clocks.add(new EmulatorClock.StoredSetting(clockAccount, (Long) row.getObject(10, Long.class),
                        row.getLong(11)));
            } else {
                rules.add(rule(row));
            }
        }, account.id(), operation, account.id());
        clock.remember(account.id(), clocks);
        quietCalls.found(account.id(), operation, changesSoFar, rules.isEmpty() && clocks.isEmpty());
        rules.sort(Comparator.comparingLong(FaultRule::seq));
        for (FaultRule rule : rules) {
            if (rule.isCounted() ? takeOne(rule) : rule.firesByChance()) {
                return rule;
            }
        }
        return null;
    }

    boolean remove(Account account, String id) {
        boolean removed =
                jdbc.update("DELETE FROM fault_rules WHERE account = ? AND id = ? AND " + LIVE, account.id(), id) > 0;
        changes.removed();
        return removed;
    }

    @Override
    public Removed clear(Account account) {
        int removed = jdbc.update("DELETE FROM fault_rules WHERE account = ?", account.id());
        changes.removed();
        return Removed.of(Kind.FAULT_RULES, removed);
    }

    @Override
    public Removed clearAll() {
        int removed = jdbc.update("DELETE FROM fault_rules");
        changes.removed();
        return Removed.of(Kind.FAULT_RULES, removed);
    }

    @Override
    public Held held() {
        Held held = jdbc.queryForObject("SELECT COUNT(*), COUNT(DISTINCT account) FROM fault_rules WHERE " + LIVE,
                (row, i) -> Held.of(Kind.FAULT_RULES, row.getLong(1), row.getLong(2)));
        return held == null ? Held.of(Kind.FAULT_RULES, 0, 0) : held;
    }

    /** Whether this call took one of the rule's counts; the call that took the last one deletes the rule. */
    private boolean takeOne(FaultRule rule) {
        if (jdbc.update("UPDATE fault_rules SET remaining = remaining - 1 WHERE seq = ? AND remaining > 0",
                rule.seq()) == 0) {
            return false;
        }
        jdbc.update("DELETE FROM fault_rules WHERE seq = ? AND remaining = 0", rule.seq());
        changes.removed();
        return true;
    }

    private static FaultRule rule(ResultSet row) throws SQLException {
        Integer status = (Integer) row.getObject(4, Integer.class);
        return new FaultRule(row.getLong(1), row.getString(2), row.getString(3),
                new Fault(Duration.ofMillis(row.getLong(5)), status == null ? null : HttpStatusCode.valueOf(status),
                        row.getString(6)),
                (Double) row.getObject(7, Double.class), (Integer) row.getObject(8, Integer.class));
    }

    private String operation(@Nullable String operation) {
        Set<String> known = operations.names();
        if (operation == null || operation.isBlank()) {
            throw invalid("A fault rule needs an operation: " + FaultRule.EVERY_OPERATION + " for every one, or one of "
                    + String.join(", ", known) + ".");
        }
        if (!operation.equals(FaultRule.EVERY_OPERATION) && !known.contains(operation)) {
            throw invalid("The operation '" + operation + "' is unknown. Use " + FaultRule.EVERY_OPERATION
                    + " for every operation, or one of " + String.join(", ", known) + ".");
        }
        return operation;
    }

    private static Fault fault(FaultRuleCreate request) {
        try {
            return Fault.of(request.status(),
                    request.latencyMs() == null ? null : Duration.ofMillis(request.latencyMs()),
                    request.errorCode());
        } catch (IllegalArgumentException e) {
            throw invalid("The fault rule is invalid: " + e.getMessage() + ".");
        }
    }

    private static @Nullable Double probability(FaultRuleCreate request) {
        if (request.probability() != null && request.times() != null) {
            throw invalid("A fault rule takes probability or times, not both.");
        }
        return request.probability();
    }

    /**
     * A rule between fields, or an operation the emulator does not know: a plain 400, since ngrok has no code for it
     * (a field's own range is refused before, by the constraints of {@link FaultRuleCreate}).
     */
    private static NgrokException invalid(String msg) {
        return NgrokErrors.plainStatus(400, msg);
    }
}
