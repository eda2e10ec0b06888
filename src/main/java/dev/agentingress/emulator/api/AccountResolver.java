package dev.agentingress.emulator.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * Maps a credential-shaped token to its account: open mode when no keys are configured, else the configured map. A
 * token that names no account (open mode, a bare configured key, the admin token) gets its keyed hash.
 */
@Component
public class AccountResolver {

    private final HashedAccounts hashed;
    private final Map<String, Account> configuredKeys;

    public AccountResolver(EmulatorProperties properties, HashedAccounts hashed) {
        this.hashed = hashed;
        Map<String, Account> keys = new LinkedHashMap<>();
        for (String entry : properties.apiKeys()) {
            int separator = entry.indexOf('=');
            String key = separator < 0 ? entry.trim() : entry.substring(0, separator).trim();
            Account account = separator < 0 ? hashed.of(key) : new Account(entry.substring(separator + 1).trim());
            keys.put(key, account);
        }
        if (!keys.isEmpty() && properties.adminToken() != null) {
            // the operator's token passes the key check too (its controls then check it again)
            keys.putIfAbsent(properties.adminToken(), hashed.of(properties.adminToken()));
        }
        this.configuredKeys = Map.copyOf(keys);
    }

    public Account resolve(String token) {
        if (configuredKeys.isEmpty()) {
            return hashed.of(token);
        }
        Account account = configuredKeys.get(token);
        if (account == null) {
            throw NgrokErrors.unknownCredential(token);
        }
        return account;
    }
}
