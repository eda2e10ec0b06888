package dev.agentingress.emulator.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/**
 * The OpenAPI document and its Swagger UI page, black-box over HTTP: open without an API key or {@code Ngrok-Version},
 * and shaped like ngrok's own document for the operations the emulator serves.
 */
class OpenApiDocumentIntegrationTests extends ApiIntegrationTest {

    private static final String DOCUMENT = "/v3/api-docs";
    private static final String COLLECTION = "/agent_ingresses";
    private static final String ITEM = "/agent_ingresses/{id}";

    /**
     * Property names of ngrok's schemas, copied from ngrok's OpenAPI document (github.com/ngrok/ngrok-openapi,
     * {@code ngrok.yaml} as of 2025-08-15; a copy is in {@code ../shared/reference/ngrok-openapi.yaml}).
     */
    private static final Map<String, List<String>> NGROK_SCHEMAS = Map.of(
            "AgentIngress", List.of("id", "uri", "description", "metadata", "domain", "ns_targets", "region_domains",
                    "created_at", "certificate_management_policy", "certificate_management_status"),
            "AgentIngressCreate", List.of("description", "metadata", "domain", "certificate_management_policy"),
            "AgentIngressUpdate", List.of("id", "description", "metadata", "certificate_management_policy"),
            "AgentIngressList", List.of("ingresses", "uri", "next_page_uri"),
            "AgentIngressCertPolicy", List.of("authority", "private_key_type"),
            "AgentIngressCertStatus", List.of("renews_at", "provisioning_job"),
            "AgentIngressCertJob", List.of("error_code", "msg", "started_at", "retries_at"));

    /** springdoc raises its own exception for a group it does not have; found by the request fuzz test as a 500. */
    @Test
    void anUnknownDocumentGroupIsA404InNgroksEnvelope() {
        anonymous().get(DOCUMENT + "/error").then().statusCode(404)
                .body("status_code", equalTo(404))
                .body("msg", equalTo("Not Found"))
                .body("details.path", equalTo(DOCUMENT + "/error"))
                .body("details.operation_id", startsWith("op_"));
    }

    @Test
    void documentNeedsNeitherApiKeyNorVersion() {
        anonymous().get(DOCUMENT)
                .then().statusCode(200)
                .contentType("application/json");
    }

    @Test
    void documentHoldsExactlyNgrokOperationsUnderNgrokOperationIds() {
        Map<String, Object> paths = map(document().get("paths"));

        assertThat(operationIds(paths)).isEqualTo(Map.of(
                "POST " + COLLECTION, "AgentIngressesCreate",
                "GET " + COLLECTION, "AgentIngressesList",
                "GET " + ITEM, "AgentIngressesGet",
                "PATCH " + ITEM, "AgentIngressesUpdate",
                "DELETE " + ITEM, "AgentIngressesDelete"));
    }

    @Test
    void documentIsAlsoServedAsYaml() {
        String yaml = anonymous().get(DOCUMENT + ".yaml").then().statusCode(200).extract().asString();
        assertThat(yaml).contains("operationId: AgentIngressesCreate");
    }

    @Test
    void createRequiresTheDomainAsNgrokDocumentsIt() {
        anonymous().get(DOCUMENT).then().statusCode(200)
                .body("components.schemas.AgentIngressCreate.required", org.hamcrest.Matchers.contains("domain"));
    }

    @Test
    void ngrokApiGroupHoldsTheSameOperations() {
        Map<String, Object> group = json(anonymous().get(DOCUMENT + "/ngrok").then().statusCode(200).extract()
                .response());

        assertThat(operationIds(map(group.get("paths")))).isEqualTo(operationIds(map(document().get("paths"))));
        assertThat(json(anonymous().get(DOCUMENT + "/swagger-config")).get("urls")).isEqualTo(List.of(
                Map.of("name", "Emulator test controls", "url", DOCUMENT + "/emulator"),
                Map.of("name", "ngrok API", "url", DOCUMENT + "/ngrok")));
    }

    @Test
    void emulatorGroupHoldsOnlyTheTestControls() {
        Map<String, Object> group = json(anonymous().get(DOCUMENT + "/emulator").then().statusCode(200).extract()
                .response());

        assertThat(map(group.get("paths")).keySet()).isNotEmpty()
                .allSatisfy(path -> assertThat(path).startsWith("/_emulator/"))
                .contains("/_emulator/reset", "/_emulator/clock", "/_emulator/journal", "/_emulator/faults",
                        "/_emulator/agent_ingresses");
    }

    @Test
    void bothResetsDocumentWhatTheyRemovedPerKind() {
        Map<String, Object> group = json(anonymous().get(DOCUMENT + "/emulator").then().statusCode(200).extract()
                .response());
        Map<String, Map<String, Object>> operations = operations(map(group.get("paths")));
        Map<String, Object> schemas = map(map(group.get("components")).get("schemas"));

        assertThat((String) operations.get("POST /_emulator/reset").get("description"))
                .contains("`{\"agent_ingresses\":3,\"fault_rules\":0,\"journal_entries\":5}`");
        assertThat((String) operations.get("POST /_emulator/admin/reset").get("description"))
                .contains("all accounts together");
        String result = responseSchema(operations.get("POST /_emulator/reset"), "200");
        assertThat(responseSchema(operations.get("POST /_emulator/admin/reset"), "200")).isEqualTo(result);
        assertThat(map(map(schemas.get(result)).get("properties")).keySet())
                .containsExactlyInAnyOrder("agent_ingresses", "fault_rules", "journal_entries");
    }

    @Test
    void everyOperationRequiresNgrokVersionTwoAndABearerToken() {
        Map<String, Object> document = document();
        Map<String, Object> components = map(document.get("components"));

        assertThat(map(map(components.get("securitySchemes")).get("authentication")))
                .containsEntry("type", "http").containsEntry("scheme", "bearer");
        Map<String, Object> version = map(map(components.get("parameters")).get("ngrokVersion"));
        assertThat(version).containsEntry("name", "Ngrok-Version").containsEntry("in", "header")
                .containsEntry("required", true);
        assertThat(map(version.get("schema"))).containsEntry("type", "integer").containsEntry("default", 2)
                .containsEntry("enum", List.of(2));
        operations(map(document.get("paths"))).forEach((name, operation) -> {
            assertThat(list(operation.get("parameters"))).as(name)
                    .first().isEqualTo(Map.of("$ref", "#/components/parameters/ngrokVersion"));
            assertThat(operation.get("security")).as(name).isEqualTo(List.of(Map.of("authentication", List.of())));
        });
    }

    @Test
    void listDocumentsItsPagingQueryParameters() {
        Map<String, Object> list = operations(map(document().get("paths"))).get("GET " + COLLECTION);

        assertThat(list(list.get("parameters")).stream().skip(1).map(OpenApiDocumentIntegrationTests::map)
                .map(parameter -> parameter.get("in") + " " + parameter.get("name")))
                .containsExactly("query before_id", "query limit", "query filter");
    }

    @Test
    void schemasHaveNgrokNamesAndSnakeCaseProperties() {
        Map<String, Object> schemas = map(map(document().get("components")).get("schemas"));

        assertThat(schemas.keySet()).containsExactlyInAnyOrderElementsOf(NGROK_SCHEMAS.keySet());
        NGROK_SCHEMAS.forEach((name, properties) -> assertThat(map(map(schemas.get(name)).get("properties")).keySet())
                .as(name).containsExactlyInAnyOrderElementsOf(properties));
    }

    @Test
    void operationsReadAndWriteNgrokSchemas() {
        Map<String, Map<String, Object>> operations = operations(map(document().get("paths")));

        assertThat(requestSchema(operations.get("POST " + COLLECTION))).isEqualTo("AgentIngressCreate");
        assertThat(requestSchema(operations.get("PATCH " + ITEM))).isEqualTo("AgentIngressUpdate");
        assertThat(responseSchema(operations.get("POST " + COLLECTION), "201")).isEqualTo("AgentIngress");
        assertThat(responseSchema(operations.get("GET " + COLLECTION), "200")).isEqualTo("AgentIngressList");
        assertThat(responseSchema(operations.get("GET " + ITEM), "200")).isEqualTo("AgentIngress");
        assertThat(responseSchema(operations.get("PATCH " + ITEM), "200")).isEqualTo("AgentIngress");
        assertThat(map(operations.get("DELETE " + ITEM).get("responses")).keySet()).containsExactly("204");
    }

    @Test
    void serverIsTheEmulatorItself() {
        assertThat(list(document().get("servers"))).singleElement()
                .extracting(server -> map(server).get("url")).isEqualTo("http://localhost:" + port);
    }

    @Test
    void swaggerUiHtmlRedirectsToThePageWithoutApiKey() {
        anonymous().redirects().follow(false).get("/swagger-ui.html")
                .then().statusCode(302)
                .header("Location", endsWith("/swagger-ui/index.html"));
        anonymous().get("/swagger-ui/index.html")
                .then().statusCode(200)
                .contentType("text/html");
    }

    private Map<String, Object> document() {
        return json(anonymous().get(DOCUMENT).then().statusCode(200).extract().response());
    }

    /** Each operation as {@code "METHOD /path"}. */
    private static Map<String, Map<String, Object>> operations(Map<String, Object> paths) {
        Map<String, Map<String, Object>> operations = new LinkedHashMap<>();
        paths.forEach((path, item) -> map(item)
                .forEach((method, operation) -> operations.put(method.toUpperCase() + " " + path, map(operation))));
        return operations;
    }

    private static Map<String, Object> operationIds(Map<String, Object> paths) {
        Map<String, Object> ids = new LinkedHashMap<>();
        operations(paths).forEach((name, operation) -> ids.put(name, operation.get("operationId")));
        return ids;
    }

    private static String requestSchema(Map<String, Object> operation) {
        return schemaName(map(operation.get("requestBody")));
    }

    private static String responseSchema(Map<String, Object> operation, String status) {
        return schemaName(map(map(operation.get("responses")).get(status)));
    }

    private static String schemaName(Map<String, Object> bodyOrResponse) {
        Map<String, Object> json = map(map(bodyOrResponse.get("content")).get("application/json"));
        String ref = (String) map(json.get("schema")).get("$ref");
        return ref.substring("#/components/schemas/".length());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
