package dev.agentingress.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import dev.agentingress.emulator.support.RawHttp;
import io.restassured.path.json.JsonPath;

/**
 * A query typed as it reads, e.g. {@code curl "$API/agent_ingresses?filter=obj.domain.endsWith(".acme.com")"}, has
 * characters HTTP does not allow in a request target. Tomcat refuses the request line before the application sees
 * it; the answer is still ngrok's envelope, and says what to do. Sent as raw bytes: a client library would encode it.
 */
class UnencodedQueryIntegrationTests extends ApiIntegrationTest {

    private static final String ENCODE_IT = "The query part of the requested URI includes characters that must be "
            + "percent-encoded";

    @ParameterizedTest
    @ValueSource(strings = {"/agent_ingresses?filter=obj.domain.endsWith(\".acme.com\")",
            "/agent_ingresses?filter=obj.description%20==%20\"x\"", "/_emulator/journal?path={x}",
            "/agent_ingresses/agin_2fmnypjq2RAXIuNjjqzRmI3T7zy?x=a|b"})
    void aCharacterThatMustBeEncodedInTheQueryIsSaidSoInTheEnvelope(String target) throws Exception {
        RawHttp.Reply reply = send(target);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        JsonPath json = JsonPath.from(reply.body());
        assertThat(json.getInt("status_code")).isEqualTo(400);
        assertThat(json.getString("msg")).startsWith(ENCODE_IT).contains("--data-urlencode");
        assertThat(json.getString("details.operation_id")).matches("op_[0-9A-Za-z]{27}")
                .isEqualTo(reply.headers().get("Ngrok-Operation-Id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/agent_ingresses/\"x\"", "/agent_ingresses/\"x\"?filter=\"y\""})
    void aCharacterThatMustBeEncodedInThePathIsAPlainBadRequest(String target) throws Exception {
        RawHttp.Reply reply = send(target);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(JsonPath.from(reply.body()).getString("msg")).isEqualTo("Bad Request");
    }

    private RawHttp.Reply send(String target) throws Exception {
        return new RawHttp(port).send("GET", target, new byte[0], "Authorization: Bearer " + token,
                "Ngrok-Version: 2");
    }
}
