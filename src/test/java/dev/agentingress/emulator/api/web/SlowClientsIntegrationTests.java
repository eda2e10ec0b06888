package dev.agentingress.emulator.api.web;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.path.json.JsonPath;

/**
 * Clients that are slow on purpose or by accident take no request thread from others: a body that trickles in, and a
 * call delayed by an injected fault, wait parked. More of them than the server has threads (32) are open at once
 * while another account is served, and the evidence is causal, not timed: the other account has its answer while
 * every slow client is still waiting for its own.
 */
@TestPropertySource(properties = "emulator.requests.body-timeout=4s")
class SlowClientsIntegrationTests extends ApiIntegrationTest {

    private static final int MORE_THAN_THE_THREADS = 40;

    @Test
    void bodyThatStopsArrivingIsAnswered408InTheEnvelopeAndCreatesNothing() throws Exception {
        String domain = uniqueDomain();
        String body = "{\"domain\":\"" + domain + "\"}";
        try (Socket socket = openPost(token, body.length())) {
            send(socket, body.substring(0, 5));

            HttpAnswer answer = HttpAnswer.read(socket);

            assertThatNgrokError(answer.status(), answer.body()).isNgrokEnvelope().hasStatus(408)
                    .hasMessageContaining("emulator.requests.body-timeout");
        }
        assertThat(api().get("/agent_ingresses").jsonPath().getList("ingresses")).isEmpty();
    }

    @Test
    void bodySentInPiecesWithinTheTimeoutIsCreatedAndJournalledWhole() throws Exception {
        String domain = uniqueDomain();
        String body = "{\"domain\":\"" + domain + "\",\"description\":\"sent in three pieces\"}";
        HttpAnswer answer;
        try (Socket socket = openPost(token, body.length())) {
            int third = body.length() / 3;
            send(socket, body.substring(0, third));
            Thread.sleep(200);
            send(socket, body.substring(third, 2 * third));
            Thread.sleep(200);
            send(socket, body.substring(2 * third));
            answer = HttpAnswer.read(socket);
        }

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(JsonPath.from(answer.body()).getString("domain")).isEqualTo(domain);
        Map<String, Object> entry = api().get("/_emulator/journal").jsonPath().getMap("requests[0]");
        assertThat(entry).containsEntry("status", 201).containsEntry("request_body", body);
    }

    @Test
    void moreTrickledBodiesThanThreadsLeaveAnotherAccountServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < MORE_THAN_THE_THREADS; i++) {
                Socket socket = openPost(newToken(), 100);
                send(socket, "{\"domain\":");
                slow.add(socket);
            }

            api().get("/agent_ingresses").then().statusCode(200);

            assertNoneAnswered(slow);
        } finally {
            closeAll(slow);
        }
    }

    @Test
    void parkedBodiesBeyondTheirBoundAreRefused429WhileTheOthersStillWait() throws Exception {
        int nearlyWhole = 1000 * 1024;
        int fit = (int) (BodyReadingFilter.MAX_PARKED_BODY_BYTES / nearlyWhole);
        String almostAll = "{\"description\":\"" + "x".repeat(nearlyWhole - 16);
        List<Socket> parked = new ArrayList<>();
        try {
            for (int i = 0; i < fit; i++) {
                Socket socket = openPost(newToken(), 1024 * 1024);
                send(socket, almostAll);
                parked.add(socket);
            }
            // the bodies above were read into the server's memory as they arrived; this one has no room left
            Thread.sleep(500);
            try (Socket oneTooMany = openPost(newToken(), 1024 * 1024)) {
                send(oneTooMany, almostAll);

                HttpAnswer answer = HttpAnswer.read(oneTooMany);

                assertThat(answer.status()).isEqualTo(429);
                assertThat(JsonPath.from(answer.body()).getString("msg")).contains("bodies of many slow requests");
            }
            assertNoneAnswered(parked);
        } finally {
            closeAll(parked);
        }
        // the refused and the abandoned bodies gave their room back
        Thread.sleep(500);
        try (Socket socket = openPost(token, 1024 * 1024)) {
            send(socket, almostAll);
            Thread.sleep(200);
            assertNoneAnswered(List.of(socket));
        }
    }

    @Test
    void moreDelayedCallsThanThreadsLeaveAnotherAccountServedAndEachIsAnsweredAfterItsDelay() throws Exception {
        String delayed = newToken();
        List<Socket> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < MORE_THAN_THE_THREADS; i++) {
                Socket socket = new Socket("localhost", port);
                send(socket, "GET /agent_ingresses HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                        + "Authorization: Bearer " + delayed + "\r\nNgrok-Version: 2\r\n"
                        + "Ngrok-Emulator-Fault: latency=3s\r\n\r\n");
                waiting.add(socket);
            }

            api().get("/agent_ingresses").then().statusCode(200);

            assertNoneAnswered(waiting);
            for (Socket socket : waiting) {
                assertThat(HttpAnswer.read(socket).status()).isEqualTo(200);
            }
        } finally {
            closeAll(waiting);
        }
    }

    @Test
    void delayedCallIsJournalledOnceWithItsAnswer() {
        api().header("Ngrok-Emulator-Fault", "status=503, latency=200ms").get("/agent_ingresses")
                .then().statusCode(503);

        List<Map<String, Object>> requests = api().get("/_emulator/journal").jsonPath().getList("requests");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).containsEntry("status", 503);
        assertThat((String) requests.get(0).get("response_body")).contains("Injected fault: 503");
        assertThat(((Number) requests.get(0).get("duration_ms")).longValue()).isGreaterThanOrEqualTo(200);
    }

    private Socket openPost(String bearer, int contentLength) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(15_000);
        send(socket, "POST /agent_ingresses HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer " + bearer + "\r\nNgrok-Version: 2\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n");
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Not one byte of an answer on any of them yet: each is still waiting for its body or its delay. */
    private static void assertNoneAnswered(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            assertThat(socket.getInputStream().available()).as("bytes already answered").isZero();
        }
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** The status line and body of an answer on a connection the server closes after it. */
    record HttpAnswer(int status, String body) {

        static HttpAnswer read(Socket socket) throws IOException {
            socket.setSoTimeout(15_000);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(bytes);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no complete answer within 15 s; got: " + bytes, e);
            }
            String text = bytes.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyStart = text.indexOf("\r\n\r\n") + 4;
            return new HttpAnswer(status, text.substring(bodyStart));
        }
    }
}
