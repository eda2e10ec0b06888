package dev.agentingress.emulator.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.error.NgrokException;
import dev.agentingress.emulator.config.EmulatorProperties;

/** The rolling window of each account, in a ring of {@code limit} times, and the bound on accounts tracked. */
class ApiRateLimiterTests {

    private static final Account ALICE = new Account("alice");
    private static final Account BOB = new Account("bob");
    private static final Account CAROL = new Account("carol");

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void theRequestBeyondTheLimitInsideTheWindowIsRefused() {
        ApiRateLimiter limiter = limiter(3, 10);
        for (int i = 0; i < 3; i++) {
            limiter.check(ALICE);
            now.addAndGet(100_000_000L);
        }

        assertThatThrownBy(() -> limiter.check(ALICE)).isInstanceOf(NgrokException.class)
                .hasMessageContaining("rate limited to 3 API requests per 1 second");
    }

    @Test
    void aPlaceComesBackWhenTheOldestRequestLeavesTheWindow() {
        ApiRateLimiter limiter = limiter(3, 10);
        limiter.check(ALICE);
        now.addAndGet(500_000_000L);
        limiter.check(ALICE);
        limiter.check(ALICE);

        now.addAndGet(500_000_000L);

        assertThatCode(() -> limiter.check(ALICE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limiter.check(ALICE)).isInstanceOf(NgrokException.class);
    }

    @Test
    void refusedRequestsDoNotCount() {
        ApiRateLimiter limiter = limiter(1, 10);
        limiter.check(ALICE);
        now.addAndGet(900_000_000L);
        assertThatThrownBy(() -> limiter.check(ALICE)).isInstanceOf(NgrokException.class);

        now.addAndGet(100_000_000L);

        assertThatCode(() -> limiter.check(ALICE)).doesNotThrowAnyException();
    }

    @Test
    void atMostMaxAccountsAreTrackedTheLeastRecentlyActiveForgottenFirst() {
        ApiRateLimiter limiter = limiter(1, 2);
        limiter.check(ALICE);
        limiter.check(BOB);

        limiter.check(CAROL);

        assertThat(limiter.trackedAccounts()).isEqualTo(2);
        assertThatCode(() -> limiter.check(ALICE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limiter.check(CAROL)).isInstanceOf(NgrokException.class);
    }

    /** What another instance let through fills the shared window; the request it refuses gives its place back here. */
    @Test
    void aRequestTheSharedCountRefusesDoesNotCountInTheInstance() {
        AtomicLong sharedRoom = new AtomicLong(1);
        ApiRateLimiter limiter = new ApiRateLimiter(
                new EmulatorProperties.RateLimit(true, 2, Duration.ofSeconds(1), 10), now::get,
                account -> sharedRoom.getAndDecrement() > 0);
        limiter.check(ALICE);
        assertThatThrownBy(() -> limiter.check(ALICE)).isInstanceOf(NgrokException.class);
        assertThatThrownBy(() -> limiter.check(ALICE)).isInstanceOf(NgrokException.class);

        sharedRoom.set(10);

        assertThatCode(() -> limiter.check(ALICE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limiter.check(ALICE)).isInstanceOf(NgrokException.class);
    }

    private ApiRateLimiter limiter(int limit, int maxAccounts) {
        return new ApiRateLimiter(new EmulatorProperties.RateLimit(true, limit, Duration.ofSeconds(1), maxAccounts),
                now::get);
    }
}
