package dev.agentingress.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/** What the database keeps of an API key in open mode: its HMAC-SHA256 under the database's secret, never its hash. */
class HashedAccountsIntegrationTests extends ApiIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theStoredAccountIsTheKeyedHashOfTheTokenNotItsSha256() throws Exception {
        String id = createIngress(uniqueDomain());

        String stored = storedAccount(id);
        assertThat(stored).isNotEqualTo(HashedAccounts.sha256(token)).doesNotContain(token);
        assertThat(stored).isEqualTo(hmacSha256(secret(), token)).hasSize(64);
    }

    @Test
    void theDatabaseSecretIsThirtyTwoRandomBytesInOneRow() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM emulator_secret", Integer.class)).isEqualTo(1);
        assertThat(secret()).hasSize(32).isNotEqualTo(new byte[32]);
    }

    @Test
    void twoTokensAreTwoAccounts() {
        String mine = createIngress(uniqueDomain());
        String theirs = createIngress(newToken(), java.util.Map.of("domain", uniqueDomain()));

        assertThat(storedAccount(mine)).isNotEqualTo(storedAccount(theirs));
    }

    private String storedAccount(String id) {
        return jdbc.queryForObject("SELECT account FROM agent_ingresses WHERE id = ?", String.class, id);
    }

    private byte[] secret() {
        return HexFormat.of().parseHex(jdbc.queryForObject("SELECT hmac_key FROM emulator_secret", String.class));
    }

    static String hmacSha256(byte[] key, String token) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    }
}
