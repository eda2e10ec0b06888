package dev.agentingress.emulator.api;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.path.json.JsonPath;

/**
 * Configured mode (spec §9.4.2): only the keys in {@code emulator.api-keys} authenticate, an entry {@code key=account}
 * puts keys into a shared account, and a bare {@code key} is an account of its own. The property is given the way an
 * operator writes it in one environment variable: a comma-separated list.
 */
@TestPropertySource(properties = "emulator.api-keys=key_one=team,key_two=team,key_three")
class ConfiguredApiKeysIntegrationTests extends ApiIntegrationTest {

    private static final String COLLECTION = "/agent_ingresses";

    @Test
    void unknownTokenIs403Err203QuotingTheToken() {
        assertThatNgrokError(api("not_a_configured_key").get(COLLECTION)).isNgrokEnvelope().hasStatus(403)
                .hasCode("ERR_NGROK_203").hasMessageContaining("'not_a_configured_key'");
    }

    @Test
    void unknownTokenIsRejectedBeforeTheVersionIsChecked() {
        assertThatNgrokError(authorized("not_a_configured_key").get(COLLECTION)).isNgrokEnvelope().hasStatus(403)
                .hasCode("ERR_NGROK_203");
    }

    @Test
    void unknownTokenCannotCreate() {
        String domain = uniqueDomain();

        assertThatNgrokError(api("not_a_configured_key").contentType("application/json").body(Map.of("domain", domain))
                .post(COLLECTION)).isNgrokEnvelope().hasStatus(403).hasCode("ERR_NGROK_203");
        createIngress("key_three", Map.of("domain", domain));
    }

    @Test
    void tokenThatIsNotCredentialShapedIsStill202() {
        assertThatNgrokError(api("key one").get(COLLECTION)).isNgrokEnvelope().hasStatus(403).hasCode("ERR_NGROK_202");
    }

    @Test
    void eachConfiguredKeyAuthenticates() {
        for (String key : List.of("key_one", "key_two", "key_three")) {
            api(key).get(COLLECTION).then().statusCode(200);
        }
    }

    @Test
    void keysOfOneAccountSeeEachOthersIngressesInTheirLists() {
        String id = createIngress("key_one", Map.of("domain", uniqueDomain()));

        assertThat(ids("key_two")).contains(id);
    }

    @Test
    void keysOfOneAccountCanReadPatchAndDeleteEachOthersIngresses() {
        String id = createIngress("key_two", Map.of("domain", uniqueDomain()));

        api("key_one").get(COLLECTION + "/" + id).then().statusCode(200);
        api("key_one").contentType("application/json").body(Map.of("description", "by key_one"))
                .patch(COLLECTION + "/" + id).then().statusCode(200);
        assertThat(api("key_two").get(COLLECTION + "/" + id).then().statusCode(200).extract()
                .<String>path("description")).isEqualTo("by key_one");
        api("key_one").delete(COLLECTION + "/" + id).then().statusCode(204);
        api("key_two").get(COLLECTION + "/" + id).then().statusCode(404);
    }

    @Test
    void bareKeyIsItsOwnAccountAndDoesNotSeeTheSharedOnes() {
        String shared = createIngress("key_one", Map.of("domain", uniqueDomain()));

        assertThat(ids("key_three")).doesNotContain(shared);
        api("key_three").get(COLLECTION + "/" + shared).then().statusCode(404);
    }

    @Test
    void sharedAccountDoesNotSeeTheBareKeysIngresses() {
        String own = createIngress("key_three", Map.of("domain", uniqueDomain()));

        assertThat(ids("key_one")).doesNotContain(own);
        assertThat(ids("key_two")).doesNotContain(own);
        api("key_one").get(COLLECTION + "/" + own).then().statusCode(404);
        assertThat(ids("key_three")).contains(own);
    }

    /** Every ID in the account's list, following next_page_uri (the database is shared by every test context). */
    private List<String> ids(String key) {
        List<String> ids = new java.util.ArrayList<>();
        String beforeId = null;
        for (int page = 0; page < 100; page++) {
            var request = api(key).queryParam("limit", "100");
            if (beforeId != null) {
                request.queryParam("before_id", beforeId);
            }
            JsonPath list = request.get(COLLECTION).then().statusCode(200).extract().jsonPath();
            List<String> pageIds = list.getList("ingresses.id", String.class);
            ids.addAll(pageIds);
            if (list.get("next_page_uri") == null || pageIds.isEmpty()) {
                return ids;
            }
            beforeId = pageIds.get(pageIds.size() - 1);
        }
        throw new AssertionError("more than 100 pages of ingresses for " + key);
    }
}
