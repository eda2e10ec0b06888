package dev.agentingress.emulator.api;

/**
 * The account a request acts for. Every stored row carries it and every query filters by it. In open mode it is the
 * HMAC-SHA256 of the caller's token keyed with the database's secret ({@link HashedAccounts}; the token itself is never
 * stored); with configured keys, the account named there, or that hash for a key that names none.
 */
public record Account(String id) {
}
