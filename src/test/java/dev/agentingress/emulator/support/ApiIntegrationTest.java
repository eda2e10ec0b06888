package dev.agentingress.emulator.support;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.restassured.common.mapper.TypeRef;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Base of the black-box tests: the whole application on a real port, driven over HTTP with REST Assured. Each test
 * takes fresh tokens (in open mode a token is its own account) and fresh domains, so tests never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiIntegrationTest {

    @LocalServerPort
    protected int port;

    protected String token;

    @BeforeEach
    void newAccount() {
        token = newToken();
    }

    protected static String newToken() {
        return Unique.token();
    }

    /** A domain no other test uses. */
    protected static String uniqueDomain() {
        return Unique.domain();
    }

    /** A request without any of ngrok's headers. */
    protected RequestSpecification anonymous() {
        return given().baseUri("http://localhost").port(port).urlEncodingEnabled(true);
    }

    /** A request as the test's own account, with the headers every official client sends. */
    protected RequestSpecification api() {
        return api(token);
    }

    protected RequestSpecification api(String bearerToken) {
        return authorized(bearerToken).header("Ngrok-Version", "2");
    }

    /** A request with the token and nothing else of ngrok's, as the emulator's controls may be called. */
    protected RequestSpecification authorized(String bearerToken) {
        return anonymous().header("Authorization", "Bearer " + bearerToken);
    }

    /** A request with a JSON body, as the official clients send it. */
    protected RequestSpecification apiJson(Object body) {
        return api().contentType(ContentType.JSON).body(body);
    }

    /** A JSON object response as a map, to assert its keys and values exactly. */
    protected static Map<String, Object> json(Response response) {
        return response.as(new TypeRef<Map<String, Object>>() {
        });
    }

    /** Creates an ingress for the test's account and returns its ID. */
    protected String createIngress(String domain) {
        return createIngress(token, Map.of("domain", domain));
    }

    protected String createIngress(String bearerToken, Map<String, ?> body) {
        return api(bearerToken).contentType(ContentType.JSON).body(body)
                .post("/agent_ingresses")
                .then().statusCode(201)
                .extract().path("id");
    }
}
