package dev.agentingress.emulator.controls.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.path.json.JsonPath;

/**
 * What the journal keeps of headers that carry credentials: never their values, whatever the spelling of the name,
 * for the headers it always redacts and for those {@code emulator.journal.redact-headers} adds.
 */
@TestPropertySource(properties = "emulator.journal.redact-headers=X-Session-Token,x-vault-token")
class RequestJournalRedactionIntegrationTests extends ApiIntegrationTest {

    private static final String SECRET = "s3cr3t-value-0123456789";

    @Test
    void credentialHeadersAreRedactedWhateverTheirSpelling() {
        api().header("cOOKIE", "session=" + SECRET)
                .header("Set-Cookie", "id=" + SECRET)
                .header("x-api-key", SECRET)
                .get("/agent_ingresses").then().statusCode(200);

        Map<String, List<String>> headers = recordedHeaders();
        assertThat(headers).containsEntry("cookie", List.of("***"))
                .containsEntry("set-cookie", List.of("***"))
                .containsEntry("x-api-key", List.of("***"));
        assertThat(journalText()).doesNotContain(SECRET);
    }

    @Test
    void proxyAuthorizationKeepsOnlyItsScheme() {
        api().header("Proxy-Authorization", "Basic " + SECRET).get("/agent_ingresses").then().statusCode(200);

        assertThat(recordedHeaders()).containsEntry("proxy-authorization", List.of("Basic ***"));
        assertThat(journalText()).doesNotContain(SECRET);
    }

    @Test
    void configuredHeadersAreRedactedCaseInsensitivelyBesideTheDefaults() {
        api().header("x-session-token", SECRET)
                .header("X-Vault-Token", SECRET)
                .header("X-Api-Key", SECRET)
                .header("X-Trace", "kept")
                .get("/agent_ingresses").then().statusCode(200);

        Map<String, List<String>> headers = recordedHeaders();
        assertThat(headers).containsEntry("x-session-token", List.of("***"))
                .containsEntry("x-vault-token", List.of("***"))
                .containsEntry("x-api-key", List.of("***"))
                .containsEntry("x-trace", List.of("kept"))
                .containsEntry("authorization", List.of("Bearer ***"));
        assertThat(journalText()).doesNotContain(SECRET).doesNotContain(token);
    }

    /** The newest entry's headers, keyed by lower-case name: the journal keeps each name as the client spelt it. */
    private Map<String, List<String>> recordedHeaders() {
        Map<String, List<String>> headers = JsonPath.from(journalText()).getMap("requests[0].request_headers");
        Map<String, List<String>> byLowerCase = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byLowerCase.putAll(headers);
        return byLowerCase;
    }

    private String journalText() {
        return anonymous().header("Authorization", "Bearer " + token).get("/_emulator/journal")
                .then().statusCode(200).extract().asString();
    }
}
