package dev.agentingress.emulator.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account of an API key that names no account of its own: the HMAC-SHA256 of the key, keyed with a secret of the
 * database (table {@code emulator_secret}), so that the rows of a leaked database confirm no guessed key.
 * <p>
 * The secret is made on the first start on a database: 32 bytes of {@link SecureRandom}, inserted only if absent and
 * then read back, so two instances starting together on one PostgreSQL keep whichever insert won and agree.
 * <p>
 * Databases from before the keyed hash stored the unsalted SHA-256 of the key. Migration V2 lists those accounts in
 * {@code legacy_accounts}; the first time a key is seen in a process while the list is not empty, its SHA-256 is taken
 * off the list and its rows move to the keyed account, in one transaction (the delete decides who moves them when two
 * requests or instances race). The key itself is needed to find its old rows, so this cannot be done for all at
 * start-up; once the list is empty (always, on a database created after V2) none of this runs again.
 */
@Component
public class HashedAccounts implements AccountState {

    private static final int SECRET_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    /**
     * Keys already checked for old rows in this process, while the database has any: at most this many (some 150
     * bytes each), then the set starts again; a key checked twice only costs another delete that finds nothing.
     */
    static final int MAX_CHECKED_KEYS = 4096;

    /**
     * Keys whose account was computed lately, at most this many of at most this length (under 500 bytes each with the
     * account, half a MiB in all): the keyed hash is the same every time, and a client sends the same key with every
     * request. Longer keys are hashed each time; past the count, the map starts again.
     */
    static final int MAX_REMEMBERED_KEYS = 1024;
    static final int MAX_REMEMBERED_KEY_LENGTH = 256;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /** A {@link Mac} is not thread-safe, and looking one up costs more than the hash itself. */
    private final ThreadLocal<Mac> macs;
    private final Set<String> checked = ConcurrentHashMap.newKeySet();
    private final Map<String, String> ids = new ConcurrentHashMap<>();
    private volatile boolean legacyAccountsLeft;

    HashedAccounts(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        SecretKeySpec key = new SecretKeySpec(loadOrCreateSecret(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> newMac(key));
        this.legacyAccountsLeft = anyLegacyAccountLeft();
    }

    public Account of(String apiKey) {
        String id = ids.get(apiKey);
        if (id == null) {
            id = HexFormat.of().formatHex(macs.get().doFinal(apiKey.getBytes(StandardCharsets.UTF_8)));
            remember(apiKey, id);
        }
        if (legacyAccountsLeft && !checked.contains(id)) {
            moveLegacyRows(apiKey, id);
        }
        return new Account(id);
    }

    /** Only short keys, and at most {@link #MAX_REMEMBERED_KEYS}: full, the map starts again. */
    private void remember(String apiKey, String id) {
        if (apiKey.length() > MAX_REMEMBERED_KEY_LENGTH) {
            return;
        }
        if (ids.size() >= MAX_REMEMBERED_KEYS) {
            ids.clear();
        }
        ids.put(apiKey, id);
    }

    /** An account's old rows moved when its key was resolved for this very reset: nothing of it is left here. */
    @Override
    public Removed clear(Account account) {
        return Removed.NOTHING;
    }

    /** Every row is gone, so there is nothing left to move, and no key need be checked again. */
    @Override
    public Removed clearAll() {
        jdbc.update("DELETE FROM legacy_accounts");
        legacyAccountsLeft = false;
        return Removed.NOTHING;
    }

    private void moveLegacyRows(String apiKey, String id) {
        String legacyId = sha256(apiKey);
        boolean moved = Boolean.TRUE.equals(transactions.execute(status -> {
            if (jdbc.update("DELETE FROM legacy_accounts WHERE account = ?", legacyId) == 0) {
                return false;
            }
            jdbc.update("UPDATE agent_ingresses SET account = ? WHERE account = ?", id, legacyId);
            return true;
        }));
        if (checked.size() >= MAX_CHECKED_KEYS) {
            checked.clear();
        }
        checked.add(id);
        if (moved) {
            legacyAccountsLeft = anyLegacyAccountLeft();
        }
    }

    private boolean anyLegacyAccountLeft() {
        return !jdbc.queryForList("SELECT account FROM legacy_accounts FETCH FIRST 1 ROWS ONLY", String.class)
                .isEmpty();
    }

    private byte[] loadOrCreateSecret() {
        String stored = storedSecret();
        if (stored == null) {
            byte[] secret = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            try {
                jdbc.update("INSERT INTO emulator_secret (id, hmac_key) VALUES (1, ?)",
                        HexFormat.of().formatHex(secret));
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                // its secret is the database's: read back below
            }
            stored = storedSecret();
            if (stored == null) {
                throw new IllegalStateException("emulator_secret has no row after its insert");
            }
        }
        return HexFormat.of().parseHex(stored);
    }

    private @Nullable String storedSecret() {
        List<String> rows = jdbc.queryForList("SELECT hmac_key FROM emulator_secret WHERE id = 1", String.class);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JRE has " + ALGORITHM, e);
        }
    }

    /** The account V1 stored for a key: its SHA-256, unsalted. */
    static String sha256(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
