package dev.agentingress.emulator.controls.clock;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.OperatorOnly;
import dev.agentingress.emulator.api.PathKind;
import dev.agentingress.emulator.api.error.ControlDocs;
import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.api.error.NgrokException;
import dev.agentingress.emulator.config.EmulatorClock;
import dev.agentingress.emulator.config.WireFormats;
import dev.agentingress.emulator.ids.Ksuid;

/**
 * The time the caller's account sees: {@code created_at}, the time in new IDs, certificate timestamps and the
 * filter's {@code now()}. Frozen, it stands still until advanced, so runs are reproducible.
 */
@RestController
@RequestMapping(PathKind.CONTROLS_PREFIX)
@ControlDocs("clock")
class ClockController {

    private final EmulatorClock clock;

    ClockController(EmulatorClock clock) {
        this.clock = clock;
    }

    @GetMapping("/clock")
    ClockView get(Account account) {
        return view(account);
    }

    /** Freezes the account's clock at {@code at} (RFC 3339), or at its current time when no body is given. */
    @PostMapping("/clock/freeze")
    ClockView freeze(Account account, @RequestBody(required = false) @Nullable FreezeRequest body) {
        Instant at = body == null || body.at() == null ? clock.now(account.id()) : body.at();
        try {
            clock.freeze(account.id(), withinIdRange(at));
        } catch (EmulatorClock.TooManyAccounts e) {
            throw tooManyClocks(e);
        }
        return view(account);
    }

    /**
     * Moves the account's clock by {@code by}: an ISO-8601 duration ({@code PT1H}) or a simple one ({@code 90s},
     * {@code 2d}).
     */
    @PostMapping("/clock/advance")
    ClockView advance(Account account, @Valid @RequestBody AdvanceRequest body) {
        Duration by = body.by();
        withinIdRange(advanced(clock.now(account.id()), by));
        try {
            clock.advance(account.id(), by);
        } catch (EmulatorClock.TooManyAccounts e) {
            throw tooManyClocks(e);
        }
        return view(account);
    }

    /** Back to real time (or to the operator's global setting, if any). */
    @DeleteMapping("/clock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(Account account) {
        clock.reset(account.id());
    }

    /** The operator's clock for every account that has no setting of its own. */
    @PostMapping("/admin/clock/freeze")
    @OperatorOnly
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void freezeEveryone(@RequestBody FreezeRequest body) {
        clock.freeze(null, withinIdRange(body.at() == null ? clock.globalNow() : body.at()));
    }

    @PostMapping("/admin/clock/advance")
    @OperatorOnly
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void advanceEveryone(@Valid @RequestBody AdvanceRequest body) {
        Duration by = body.by();
        withinIdRange(advanced(clock.globalNow(), by));
        clock.advance(null, by);
    }

    @DeleteMapping("/admin/clock")
    @OperatorOnly
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetEveryone() {
        clock.reset(null);
    }

    private static NgrokException tooManyClocks(EmulatorClock.TooManyAccounts e) {
        return NgrokErrors.limitReached("accounts with a clock of their own", e.maxAccounts(),
                "emulator.clock.max-accounts",
                "A reset (DELETE " + PathKind.CONTROLS_PREFIX + "/clock) frees a place.");
    }

    private ClockView view(Account account) {
        return new ClockView(clock.now(account.id()), clock.isFrozen(account.id()));
    }

    /**
     * The time goes into every new ID, whose 32-bit seconds cannot hold an instant outside {@link Ksuid}'s range: the
     * ID (and so {@code created_at}) would silently say another time.
     */
    private static Instant withinIdRange(@Nullable Instant at) {
        if (at == null || !Ksuid.holds(at)) {
            throw NgrokErrors.plainStatus(400, "The clock must stay within the times an ID can hold, from "
                    + Ksuid.MIN_TIME + " to " + Ksuid.MAX_TIME + (at == null ? "." : ", but it would be " + at + "."));
        }
        return at;
    }

    /** Where a clock at {@code now} would be after {@code by}; null when that is beyond any instant Java holds. */
    private static @Nullable Instant advanced(Instant now, Duration by) {
        try {
            return now.plus(by);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /** @param at when the clock stands still; none: now */
    record FreezeRequest(@Nullable Instant at) {
    }

    /** @param by how far to move the clock; never null once validated, though Jackson leaves it null when absent */
    record AdvanceRequest(@NotNull(message = WireFormats.DURATION) Duration by) {
    }

    /** The account's time and whether it stands still. */
    record ClockView(Instant now, boolean frozen) {
    }
}
