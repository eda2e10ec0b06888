package dev.agentingress.emulator.agentingress;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Export and import of an account's ingresses in the list JSON of ngrok's API, over HTTP: the JSON, the round trip
 * and the envelope of a refused item. The import's rules (order, IDs and times kept, duplicates, all or nothing) are
 * AgentIngressImportServiceTests'.
 */
class AgentIngressExportImportIntegrationTests extends ApiIntegrationTest {

    private static final String CONTROL = "/_emulator/agent_ingresses";

    @Test
    void exportIsExactlyTheListJsonOfTheApi() {
        createIngress(token, Map.of("domain", uniqueDomain(), "description", "d", "metadata", "m"));
        createIngress(uniqueDomain());

        String exported = api().get(CONTROL).then().statusCode(200).extract().asString();

        assertThat(exported).isEqualTo(api().get("/agent_ingresses").then().statusCode(200).extract().asString());
    }

    @Test
    void exportResetImportRoundTripsByteIdenticalJson() {
        createIngress(token, Map.of("domain", uniqueDomain(), "description", "first", "metadata", "{\"a\":1}"));
        String withPolicy = createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy",
                Map.of("private_key_type", "ecdsa")));
        String failing =
                createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));
        api().post(CONTROL + "/" + failing + "/certificate/fail").then().statusCode(200);
        api().post(CONTROL + "/" + withPolicy + "/certificate/issue").then().statusCode(200);
        String exported = api().get(CONTROL).then().statusCode(200).extract().asString();

        api().post("/_emulator/reset").then().statusCode(200);
        api().contentType(ContentType.JSON).body(exported).post(CONTROL).then().statusCode(200)
                .body("imported", equalTo(3)).body("skipped", equalTo(0));

        assertThat(api().get(CONTROL).then().statusCode(200).extract().asString()).isEqualTo(exported);
    }

    @Test
    void aRefusedImportNamesTheItemInNgroksEnvelope() {
        Response refused = api().contentType(ContentType.JSON)
                .body(Map.of("ingresses", List.of(Map.of("domain", uniqueDomain()), Map.of("domain", "x.ngrok.app"))))
                .post(CONTROL);

        assertThatNgrokError(refused).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_6705")
                .hasOnlyDetailKeys("item", "operation_id").hasDetail("item", "ingresses[1]");
    }

    @Test
    void importWithoutTheIngressesKeyIs215() {
        assertThatNgrokError(api().contentType(ContentType.JSON).body(Map.of("uri", "x")).post(CONTROL))
                .isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_215");
    }
}
