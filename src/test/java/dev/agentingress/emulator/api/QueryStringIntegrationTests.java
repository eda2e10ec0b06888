package dev.agentingress.emulator.api;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.agentingress.emulator.api.error.RequestLimits;
import dev.agentingress.emulator.support.ApiIntegrationTest;
import dev.agentingress.emulator.support.RawHttp;
import io.restassured.path.json.JsonPath;

/**
 * A query string the server cannot read (broken escapes, names left out, more parameters than Tomcat reads) is a
 * 400 in ngrok's envelope on every operation that reads one, logged without a stack trace: it is the client's
 * mistake. Sent as raw bytes, since an HTTP client would fix or refuse such a target.
 */
@ExtendWith(OutputCaptureExtension.class)
class QueryStringIntegrationTests extends ApiIntegrationTest {

    private RawHttp http;

    @BeforeEach
    void rawClient() {
        http = new RawHttp(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/agent_ingresses?before_id=%ff", "/agent_ingresses?filter=%zz", "/agent_ingresses?limit=%",
            "/agent_ingresses?limit=1&%ff=2", "/agent_ingresses?filter=%e2%82", "/_emulator/journal?status=%ff",
            "/_emulator/clock?%zz", "/agent_ingresses/agin_2fmnypjq2RAXIuNjjqzRmI3T7zy?x=%g0",
            "/_emulator/agent_ingresses?%"})
    void aBrokenPercentEncodingIs400(String target, CapturedOutput output) throws Exception {
        RawHttp.Reply reply = get(target);

        assertEnvelope(reply, 400);
        assertThat(JsonPath.from(reply.body()).getString("msg")).startsWith("The query part of the requested URI "
                + "could not be read: each '%' must start an escape of two hexadecimal digits");
        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("InvalidParameterException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"?=", "?=x", "?&&", "?limit=5&", "?&limit=5", "?limit=5&&filter=true"})
    void aParameterWithoutANameIs400(String query) throws Exception {
        RawHttp.Reply reply = get("/agent_ingresses" + query);

        assertEnvelope(reply, 400);
        assertThat(JsonPath.from(reply.body()).getString("msg")).startsWith("The query part of the requested URI "
                + "includes a parameter without a name");
    }

    @Test
    void anEmptyQueryStringIsNoParameterAtAll() throws Exception {
        assertThat(get("/agent_ingresses?").status()).isEqualTo(200);
    }

    @Test
    void moreParametersThanTomcatReadsIs400NamingTheLimit(CapturedOutput output) throws Exception {
        String query = IntStream.range(0, RequestLimits.MAX_QUERY_PARAMETERS + 1).mapToObj(i -> "p" + i + "=1")
                .collect(Collectors.joining("&"));

        RawHttp.Reply reply = get("/agent_ingresses?" + query);

        assertEnvelope(reply, 400);
        assertThat(JsonPath.from(reply.body()).getString("msg"))
                .startsWith("The query part of the requested URI includes more than 1000 parameters.");
        assertThat(output.getAll()).doesNotContain("\tat ");
    }

    @Test
    void aThousandParametersAreReadAndJudgedByName() throws Exception {
        String query = IntStream.range(0, RequestLimits.MAX_QUERY_PARAMETERS).mapToObj(i -> "p" + i + "=1")
                .collect(Collectors.joining("&"));

        RawHttp.Reply reply = get("/agent_ingresses?" + query);

        assertThatNgrokError(reply).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_231");
    }

    @Test
    void aHandlerOutsideNgroksApiThatReadsTheQueryAlsoAnswers400(CapturedOutput output) throws Exception {
        RawHttp.Reply reply = http.send("GET", "/actuator/health?%ff", new byte[0]);

        assertEnvelope(reply, 400);
        assertThat(output.getAll()).doesNotContain("\tat ");
    }

    @Test
    void wellEncodedParametersStillWork() throws Exception {
        RawHttp.Reply reply = get("/agent_ingresses?limit=%31&filter=obj.domain%20%3D%3D%20%22%C3%A9.com%22");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private RawHttp.Reply get(String target) throws Exception {
        return http.send("GET", target, new byte[0], "Authorization: Bearer " + token, "Ngrok-Version: 2");
    }

    private static void assertEnvelope(RawHttp.Reply reply, int status) {
        assertThatNgrokError(reply).isNgrokEnvelope().hasStatus(status);
    }
}
