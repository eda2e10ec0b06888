package dev.agentingress.emulator.agentingress;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import dev.agentingress.emulator.support.Unique;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Imports past ngrok's 1 MiB body limit, which the import control does not have: its own limit
 * ({@code emulator.import.max-body-size}, 4 MB here), bodies read and stored as they arrive (items spooled past
 * {@link ImportedItems#IN_MEMORY_BYTES}), and still all or nothing when the body breaks or an item is refused midway.
 */
@TestPropertySource(properties = {"emulator.import.max-body-size=4MB", "emulator.memory.max-ingresses=20000"})
class AgentIngressLargeImportIntegrationTests extends ApiIntegrationTest {

    private static final String CONTROL = "/_emulator/agent_ingresses";
    private static final long LIMIT = 4L * 1024 * 1024;
    /** Enough for a body of about 1.4 MB in {@link #items}: past ngrok's limit and past the in-memory spool. */
    private static final int MANY = 2500;
    /** About 4.7 MB of items. */
    private static final int OVER_THE_LIMIT = 8000;
    private static final String METADATA = "m".repeat(500);

    @Test
    void aBodyPastOneMibIsImportedAndRoundTripsByteIdentical() {
        String body = list(items(MANY, -1));
        assertThat(body.length()).isGreaterThan(1024 * 1024).isLessThan((int) LIMIT);

        api().contentType(ContentType.JSON).body(body).post(CONTROL).then().statusCode(200)
                .body("imported", equalTo(MANY)).body("skipped", equalTo(0));
        String exported = export();
        assertThat(exported.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1024 * 1024);

        api().post("/_emulator/reset").then().statusCode(200);
        api().contentType(ContentType.JSON).body(exported).post(CONTROL).then().statusCode(200)
                .body("imported", equalTo(MANY)).body("skipped", equalTo(0));

        assertThat(export()).isEqualTo(exported);
        // the list keeps the body's order: the first item is the newest
        assertThat(api().get("/agent_ingresses?limit=1").then().statusCode(200).extract().<String>path(
                "ingresses[0].description")).isEqualTo("item 0");
    }

    @Test
    void aDeclaredLengthPastTheImportLimitIs413NamingIt() {
        String body = list(items(OVER_THE_LIMIT, -1));
        assertThat((long) body.length()).isGreaterThan(LIMIT);

        Response refused = api().contentType(ContentType.JSON).body(body).post(CONTROL);

        assertThatNgrokError(refused).isNgrokEnvelope().hasStatus(413)
                .hasMessage("The request body is larger than the limit of " + LIMIT + " bytes.");
        assertThat(export()).contains("\"ingresses\":[]");
    }

    @Test
    void aChunkedBodyPastTheImportLimitIs413AndStoresNothing() throws IOException, InterruptedException {
        byte[] body = list(items(OVER_THE_LIMIT, -1)).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + CONTROL))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                // no length known up front, so the body goes chunked and is cut while it is read
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        HttpResponse<String> refused = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThatNgrokError(refused.statusCode(), refused.body()).isNgrokEnvelope().hasStatus(413)
                .hasMessage("The request body is larger than the limit of " + LIMIT + " bytes.");
        assertThat(export()).contains("\"ingresses\":[]");
    }

    @Test
    void ngroksOwnOperationsKeepTheirOneMibLimit() {
        String description = "d".repeat(1024 * 1024);

        Response refused = apiJson("{\"domain\":\"" + uniqueDomain() + "\",\"description\":\"" + description + "\"}")
                .post("/agent_ingresses");

        assertThatNgrokError(refused).isNgrokEnvelope().hasStatus(413)
                .hasMessage("The request body is larger than the limit of 1048576 bytes.");
    }

    @Test
    void aBodyThatBreaksMidwayStoresNothing() {
        String items = items(MANY, -1);
        String broken = "{\"ingresses\":[" + items + ",{\"domain\":}]}";

        Response refused = api().contentType(ContentType.JSON).body(broken).post(CONTROL);

        assertThatNgrokError(refused).isNgrokEnvelope().hasStatus(400);
        assertThat(export()).contains("\"ingresses\":[]");
    }

    @Test
    void aBadItemMidwayIsNamedAndNothingIsStored() {
        int bad = MANY / 2;

        Response refused = api().contentType(ContentType.JSON).body(list(items(MANY, bad))).post(CONTROL);

        assertThatNgrokError(refused).isNgrokEnvelope().hasStatus(400).hasCode("ERR_NGROK_6705")
                .hasDetail("item", "ingresses[" + bad + "]");
        assertThat(export()).contains("\"ingresses\":[]");
    }

    private String export() {
        return api().get(CONTROL).then().statusCode(200).extract().asString();
    }

    private static String list(String items) {
        return "{\"ingresses\":[" + items + "]}";
    }

    /**
     * {@code count} items without IDs, newest first as a list is; the one at {@code bad} has a domain ngrok refuses.
     */
    private static String items(int count, int bad) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String domain = i == bad ? "x.ngrok.app" : Unique.domain();
            items.append(i == 0 ? "" : ",").append("{\"domain\":\"").append(domain).append("\",\"description\":\"item ")
                    .append(i).append("\",\"metadata\":\"").append(METADATA).append("\"}");
        }
        return items.toString();
    }
}
