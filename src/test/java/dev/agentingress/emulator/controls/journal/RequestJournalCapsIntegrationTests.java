package dev.agentingress.emulator.controls.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The journal's bounds, with small ones: 20 entries per account, bodies cut at 64 bytes, headers at 2 KiB. */
@TestPropertySource(properties = {"emulator.journal.max-entries-per-account=20", "emulator.journal.max-body-bytes=64",
        "emulator.journal.max-header-bytes=2048"})
class RequestJournalCapsIntegrationTests extends ApiIntegrationTest {

    private static final String JOURNAL = "/_emulator/journal";
    private static final String UNKNOWN_ID = "agin_2fmnypjq2RAXIuNjjqzRmI3T7zy";

    @Test
    void afterTenTimesTheCapInRequestsExactlyTheNewestCapRemain() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(api().get("/agent_ingresses").then().statusCode(200).extract().header("Ngrok-Operation-Id"));
        }

        List<String> newestFirst = new ArrayList<>(sent.subList(180, 200));
        Collections.reverse(newestFirst);

        assertThat(journal().getList("requests.operation_id", String.class)).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void aBodyOfExactlyTheCapIsKeptWhole() {
        String body = updateBodyOfBytes(64);

        api().contentType(ContentType.JSON).body(body).patch("/agent_ingresses/" + UNKNOWN_ID)
                .then().statusCode(404);

        JsonPath journal = journal();
        assertThat(journal.getString("requests[0].request_body")).isEqualTo(body);
        assertThat(journal.getBoolean("requests[0].request_body_truncated")).isFalse();
    }

    @Test
    void aRequestBodyOverTheCapIsCutAndMarkedTruncated() {
        String body = updateBodyOfBytes(65);

        api().contentType(ContentType.JSON).body(body).patch("/agent_ingresses/" + UNKNOWN_ID)
                .then().statusCode(404);

        JsonPath journal = journal();
        assertThat(journal.getString("requests[0].request_body")).isEqualTo(body.substring(0, 64));
        assertThat(journal.getBoolean("requests[0].request_body_truncated")).isTrue();
    }

    @Test
    void aResponseBodyOverTheCapIsCutAndMarkedTruncated() {
        String answer = api().get("/agent_ingresses/" + UNKNOWN_ID).then().statusCode(404).extract().asString();

        JsonPath journal = journal();
        assertThat(answer).hasSizeGreaterThan(64);
        assertThat(journal.getString("requests[0].response_body")).isEqualTo(answer.substring(0, 64));
        assertThat(journal.getBoolean("requests[0].response_body_truncated")).isTrue();
    }

    @Test
    void aHeaderThatDoesNotFitMaxHeaderBytesIsLeftOutAndMarkedTruncated() {
        api().header("X-Small", "kept").header("X-Large", "y".repeat(2048)).header("X-Other", "kept too")
                .get("/agent_ingresses").then().statusCode(200);

        JsonPath journal = journal();
        assertThat(journal.getMap("requests[0].request_headers")).containsKeys("Authorization", "X-Small", "X-Other")
                .doesNotContainKey("X-Large");
        assertThat(journal.getBoolean("requests[0].request_headers_truncated")).isTrue();
    }

    @Test
    void headersWithinMaxHeaderBytesAreKeptWholeAndNotMarked() {
        api().header("X-Small", "kept").get("/agent_ingresses").then().statusCode(200);

        JsonPath journal = journal();
        assertThat(journal.getMap("requests[0].request_headers")).containsKey("X-Small");
        assertThat(journal.getBoolean("requests[0].request_headers_truncated")).isFalse();
    }

    @Test
    void aLimitAboveTheCapIsErr233() {
        control().queryParam("limit", 21).get(JOURNAL)
                .then().statusCode(400)
                .body("error_code", equalTo("ERR_NGROK_233"));
    }

    /** Switched off, nothing is recorded and the journal says so rather than looking empty. */
    @Nested
    @TestPropertySource(properties = "emulator.journal.enabled=false")
    class Disabled {

        @LocalServerPort
        int disabledPort;

        @Test
        void theJournalIs404() {
            control().port(disabledPort).get(JOURNAL)
                    .then().statusCode(404)
                    .body("msg", equalTo("The request journal is off (emulator.journal.enabled=false)."));
        }

        @Test
        void beingOffIsSaidBeforeTheQueryIsRead() {
            control().port(disabledPort).queryParam("colour", "red").get(JOURNAL)
                    .then().statusCode(404)
                    .body("msg", equalTo("The request journal is off (emulator.journal.enabled=false)."));
            control().port(disabledPort).queryParam("colour", "red").delete(JOURNAL)
                    .then().statusCode(404);
        }
    }

    /** A valid update body of exactly {@code size} ASCII bytes. */
    private static String updateBodyOfBytes(int size) {
        String head = "{\"description\":\"";
        String tail = "\"}";
        return head + "x".repeat(size - head.length() - tail.length()) + tail;
    }

    private RequestSpecification control() {
        return anonymous().header("Authorization", "Bearer " + token);
    }

    private JsonPath journal() {
        return control().get(JOURNAL).then().statusCode(200).extract().jsonPath();
    }
}
