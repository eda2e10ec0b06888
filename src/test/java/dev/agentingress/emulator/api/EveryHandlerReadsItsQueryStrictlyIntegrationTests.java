package dev.agentingress.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every handler of ngrok's API and of the controls, found in the handler mapping rather than listed, refuses a query
 * parameter it has not declared ({@link AcceptsQuery}): a new handler is strict without anyone remembering to make it
 * so. Each request is otherwise acceptable up to the query check (the operator's token, a body that reads), so that
 * nothing else can answer first.
 */
@TestPropertySource(properties = "emulator.admin-token=" + OrderOfChecksIntegrationTests.ADMIN)
class EveryHandlerReadsItsQueryStrictlyIntegrationTests extends ApiIntegrationTest {

    private static final String WELL_FORMED_ID = "agin_2fmnypjq2RAXIuNjjqzRmI3T7zy";

    /** A body each handler that requires one can read; the request never gets past the query check. */
    private static final Map<String, Object> READABLE_BODIES = Map.of(
            "POST /agent_ingresses", Map.of("domain", "query-check.acme-test.com"),
            "PATCH /agent_ingresses/{id}", Map.of(),
            "POST /_emulator/agent_ingresses", Map.of("ingresses", List.of()),
            "POST /_emulator/faults", Map.of("operation", "AgentIngressesGet", "status", 503),
            "POST /_emulator/clock/advance", Map.of("by", "1s"),
            "POST /_emulator/admin/clock/freeze", Map.of("at", "2025-09-04T10:11:37Z"),
            "POST /_emulator/admin/clock/advance", Map.of("by", "1s"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlers;

    @Test
    void everyHandlerRefusesAQueryParameterItDoesNotDeclare() {
        List<String> checked = new ArrayList<>();
        handlers.getHandlerMethods().forEach((mapping, handler) -> {
            for (String route : mapping.getPatternValues()) {
                if (PathKind.of(route) == PathKind.OUTSIDE || route.equals("/error")) {
                    continue;
                }
                for (RequestMethod method : mapping.getMethodsCondition().getMethods()) {
                    String name = method + " " + route;
                    String undeclared = "undeclared_" + UUID.randomUUID().toString().substring(0, 8);
                    String target = route.replaceAll("\\{[^}]+}", WELL_FORMED_ID) + "?" + undeclared + "=1";
                    Response response = request(name, handler).request(method.name(), target);

                    assertThat(response.statusCode()).as(name + ": " + response.asString()).isEqualTo(400);
                    assertThat(response.jsonPath().getString("error_code")).as(name).isEqualTo("ERR_NGROK_231");
                    assertThat(response.jsonPath().getString("msg")).as(name).contains("'" + undeclared + "'");
                    checked.add(name);
                }
            }
        });
        assertThat(checked).contains("GET /agent_ingresses", "DELETE /agent_ingresses/{id}", "GET /_emulator/journal",
                "POST /_emulator/admin/reset", "DELETE /_emulator/admin/clock");
    }

    @Test
    void theDeclaredParametersAreNamedWhenOneIsRefused() {
        api().get("/agent_ingresses?colour=red").then().statusCode(400)
                .body("msg", containsString("The supported parameters are: "
                        + "'before_id, limit, filter'."));
        api().get("/_emulator/journal?colour=red").then().statusCode(400)
                .body("msg", containsString("The supported parameters are: "
                        + "'operation_id, status, path, operation, limit'."));
        api().get("/agent_ingresses/" + WELL_FORMED_ID + "?colour=red").then().statusCode(400)
                .body("msg", containsString("The supported parameters are: ''."));
    }

    /** As the operator (its token is also an account's key in open mode), with a readable body where one is needed. */
    private RequestSpecification request(String name, HandlerMethod handler) {
        RequestSpecification request = api(OrderOfChecksIntegrationTests.ADMIN);
        boolean needsBody = false;
        for (var parameter : handler.getMethodParameters()) {
            RequestBody body = parameter.getParameterAnnotation(RequestBody.class);
            needsBody |= body != null && body.required();
        }
        if (needsBody) {
            assertThat(READABLE_BODIES).as("a readable body for " + name).containsKey(name);
            request = request.contentType(ContentType.JSON).body(READABLE_BODIES.get(name));
        }
        return request;
    }
}
