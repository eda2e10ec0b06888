package dev.agentingress.emulator.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.agentingress.emulator.config.EmulatorProperties;

/** Maps a credential-shaped token to its account: open mode when no keys are configured, else the configured map. */
@Component
public class AccountResolver {

    private final Map<String, Account> configuredKeys;

    public AccountResolver(EmulatorProperties properties) {
        Map<String, Account> keys = new LinkedHashMap<>();
        for (String entry : properties.apiKeys()) {
            int separator = entry.indexOf('=');
            String key = separator < 0 ? entry.trim() : entry.substring(0, separator).trim();
            Account account = separator < 0 ? new Account(sha256(key)) : new Account(entry.substring(separator + 1).trim());
            keys.put(key, account);
        }
        if (!keys.isEmpty() && properties.adminToken() != null) {
            // the operator's token passes the key check too (its controls then check it again)
            keys.putIfAbsent(properties.adminToken(), new Account(sha256(properties.adminToken())));
        }
        this.configuredKeys = Map.copyOf(keys);
    }

    public Account resolve(String token) {
        if (configuredKeys.isEmpty()) {
            return new Account(sha256(token));
        }
        Account account = configuredKeys.get(token);
        if (account == null) {
            throw NgrokErrors.unknownCredential(token);
        }
        return account;
    }

    private static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
