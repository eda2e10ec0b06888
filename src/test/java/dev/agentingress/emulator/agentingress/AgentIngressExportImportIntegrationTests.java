package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.ids.KsuidGenerator;
import dev.agentingress.emulator.ids.ResourceIds;
import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Export and import of an account's ingresses in the list JSON of ngrok's API. */
class AgentIngressExportImportIntegrationTests extends ApiIntegrationTest {

    private static final String CONTROL = "/_emulator/agent_ingresses";
    private static final KsuidGenerator KSUIDS = new KsuidGenerator(Clock.systemUTC());

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
        String failing = createIngress(token, Map.of("domain", uniqueDomain(), "certificate_management_policy", Map.of()));
        api().post(CONTROL + "/" + failing + "/certificate/fail").then().statusCode(200);
        api().post(CONTROL + "/" + withPolicy + "/certificate/issue").then().statusCode(200);
        String exported = api().get(CONTROL).then().statusCode(200).extract().asString();

        api().post("/_emulator/reset").then().statusCode(200);
        api().contentType(ContentType.JSON).body(exported).post(CONTROL).then().statusCode(200)
                .body("imported", equalTo(3)).body("skipped", equalTo(0));

        assertThat(api().get(CONTROL).then().statusCode(200).extract().asString()).isEqualTo(exported);
    }

    @Test
    void importingTheSameJsonTwiceSkipsWhatIsThere() {
        createIngress(uniqueDomain());
        String exported = api().get(CONTROL).asString();
        api().contentType(ContentType.JSON).body(exported).post(CONTROL).then().statusCode(200)
                .body("imported", equalTo(0)).body("skipped", equalTo(1));
    }

    @Test
    void importWithoutIdsMakesThemInListOrder() {
        String older = uniqueDomain();
        String newer = uniqueDomain();
        api().contentType(ContentType.JSON)
                .body(Map.of("ingresses", List.of(Map.of("domain", newer), Map.of("domain", older))))
                .post(CONTROL).then().statusCode(200).body("imported", equalTo(2));

        List<String> domains = api().get("/agent_ingresses").then().extract().path("ingresses.domain");
        assertThat(domains).containsExactly(newer, older);
    }

    @Test
    void importKeepsGivenIdsAndTheirTimes() {
        String id = "agin_" + KSUIDS.nextRandom();
        String createdAt = ResourceIds.timestampOf(id).toString();
        String domain = uniqueDomain();
        api().contentType(ContentType.JSON)
                .body(Map.of("ingresses", List.of(Map.of("id", id, "domain", domain, "created_at", createdAt))))
                .post(CONTROL).then().statusCode(200);

        api().get("/agent_ingresses/" + id).then().statusCode(200).body("created_at", equalTo(createdAt))
                .body("domain", equalTo(domain));
    }

    @Test
    void importIsValidatedLikeCreatesAndStoresNothingWhenAnItemFails() {
        String fine = uniqueDomain();
        JsonPath error = api().contentType(ContentType.JSON)
                .body(Map.of("ingresses", List.of(Map.of("domain", fine), Map.of("domain", "x.ngrok.app"))))
                .post(CONTROL).then().statusCode(400).extract().jsonPath();

        assertThat(error.getString("error_code")).isEqualTo("ERR_NGROK_6705");
        assertThat(error.getString("details.item")).isEqualTo("ingresses[1]");
        assertThat(error.getString("details.operation_id")).startsWith("op_");
        api().get("/agent_ingresses").then().body("ingresses", org.hamcrest.Matchers.empty());
        createIngress(fine);
    }

    @Test
    void aCreatedAtThatIsNotTheIdsTimeIsRejected() {
        api().contentType(ContentType.JSON)
                .body(Map.of("ingresses", List.of(Map.of("id", "agin_" + KSUIDS.nextRandom(),
                        "domain", uniqueDomain(), "created_at", "2020-01-01T00:00:00Z"))))
                .post(CONTROL).then().statusCode(400).body("error_code", equalTo("ERR_NGROK_215"));
    }

    @Test
    void anIdOfAnotherAccountIsAConflict() {
        String theirs = createIngress(newToken(), Map.of("domain", uniqueDomain()));
        api().contentType(ContentType.JSON)
                .body(Map.of("ingresses", List.of(Map.of("id", theirs, "domain", uniqueDomain()))))
                .post(CONTROL).then().statusCode(409).body("details.item", equalTo("ingresses[0]"));
    }

    @Test
    void aMalformedIdIs223() {
        api().contentType(ContentType.JSON)
                .body(Map.of("ingresses", List.of(Map.of("id", "agin_nope", "domain", uniqueDomain()))))
                .post(CONTROL).then().statusCode(400).body("error_code", equalTo("ERR_NGROK_223"));
    }

    @Test
    void aDomainTakenElsewhereIs6706() {
        String domain = uniqueDomain();
        createIngress(newToken(), Map.of("domain", domain));
        api().contentType(ContentType.JSON).body(Map.of("ingresses", List.of(Map.of("domain", domain))))
                .post(CONTROL).then().statusCode(400).body("error_code", equalTo("ERR_NGROK_6706"));
    }

    @Test
    void importWithoutTheIngressesKeyIs215() {
        api().contentType(ContentType.JSON).body(Map.of("uri", "x")).post(CONTROL).then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_215"));
    }
}
