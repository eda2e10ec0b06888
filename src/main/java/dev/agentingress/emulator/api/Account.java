package dev.agentingress.emulator.api;

/**
 * The account a request acts for. Every stored row carries it and every query filters by it. In open mode it is the
 * SHA-256 of the caller's token (the token itself is never stored); with configured keys, the account named there.
 */
public record Account(String id) {
}
