package dev.agentingress.emulator.support;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.agentingress.emulator.api.Account;

/**
 * Names no other test uses: tokens (in open mode a token is its own account), accounts and domains. Tests never reset
 * the shared server or database, so these keep them from seeing each other's data.
 */
public final class Unique {

    private static final AtomicInteger DOMAINS = new AtomicInteger();

    private Unique() {
    }

    /** A fresh API key: in open mode, a fresh account. */
    public static String token() {
        return token("test");
    }

    /** A fresh API key that says which test made it, e.g. in a database shared by two servers. */
    public static String token(String prefix) {
        return prefix + "_" + suffix(32);
    }

    /** A fresh account, for tests that call the service without a token. */
    public static Account account() {
        return new Account("account_" + suffix(32));
    }

    /** A domain no other test uses. */
    public static String domain() {
        return domain("c");
    }

    /** A domain no other test uses, its first label starting with {@code tag}. */
    public static String domain(String tag) {
        return tag + DOMAINS.incrementAndGet() + "-" + suffix(8) + ".acme-test.com";
    }

    /** A zone no other test uses (the domains under it are the test's alone), e.g. {@code z1a2b3c4d-list.com}. */
    public static String zone(String tag) {
        return "z" + suffix(8) + "-" + tag + ".com";
    }

    /** {@code length} (up to 32) random lower-case hex digits. */
    public static String suffix(int length) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, length);
    }
}
