package dev.agentingress.emulator.api;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

import dev.agentingress.emulator.support.ApiIntegrationTest;
import dev.agentingress.emulator.support.NgrokErrorAssert;
import dev.agentingress.emulator.support.RawHttp;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * ngrok's request checks, black-box over HTTP (spec §5, §6, §9.4): authentication, API version, content type and
 * body rules, their order, the error envelope, operation IDs, CORS, and account isolation in open mode. Requests
 * whose headers or bodies REST Assured would adjust (no Content-Type, bodies on GET/DELETE, chunked uploads) go
 * through {@link java.net.http.HttpClient} so the wire carries exactly what the test says.
 */
class NgrokRequestChecksIntegrationTests extends ApiIntegrationTest {

    private static final String COLLECTION = "/agent_ingresses";
    private static final String OPERATION_ID_HEADER = "Ngrok-Operation-Id";
    private static final String OPERATION_ID_PATTERN = "op_[0-9A-Za-z]{27}";
    private static final String MISSING_VERSION_MSG = "Your request has not specified an API version. Include the "
            + "version you wish to use in the Ngrok-Version header. Supported versions: 2.";
    private static final int ONE_MIB = 1024 * 1024;
    /** A well-formed ID that no account owns. */
    private static final String UNKNOWN_ID = "agin_2fmnypjq2RAXIuNjjqzRmI3T7zy";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    // ---------------------------------------------------------------- authentication

    @Test
    void missingAuthorizationIs403Err200() {
        Reply reply = Reply.of(anonymous().header("Ngrok-Version", "2").get(COLLECTION));

        assertEnvelope(reply, 403).hasCode("ERR_NGROK_200");
    }

    @Test
    void unknownAuthorizationSchemeIs403Err201QuotingTheHeader() {
        Reply reply = Reply.of(anonymous().header("Authorization", "Token abc").header("Ngrok-Version", "2")
                .get(COLLECTION));

        assertEnvelope(reply, 403).hasCode("ERR_NGROK_201").hasMessageContaining("'Token abc'");
    }

    @Test
    void garbageAuthorizationIs403Err201() {
        Reply reply = Reply.of(anonymous().header("Authorization", "garbage").header("Ngrok-Version", "2")
                .get(COLLECTION));

        assertEnvelope(reply, 403).hasCode("ERR_NGROK_201");
    }

    @Test
    void basicWithUndecodableCredentialsIs403Err201() {
        Reply reply = Reply.of(anonymous().header("Authorization", "Basic %%%not-base64%%%")
                .header("Ngrok-Version", "2").get(COLLECTION));

        assertEnvelope(reply, 403).hasCode("ERR_NGROK_201");
    }

    @Test
    void bearerWithoutTokenIs403Err202() {
        Reply reply = Reply.of(anonymous().header("Authorization", "Bearer").header("Ngrok-Version", "2")
                .get(COLLECTION));

        assertEnvelope(reply, 403).hasCode("ERR_NGROK_202");
    }

    @Test
    void bearerWithBlankTokenIs403Err202() throws Exception {
        Reply reply = raw("GET", COLLECTION, null, "Authorization", "Bearer    ", "Ngrok-Version", "2");

        assertEnvelope(reply, 403).hasCode("ERR_NGROK_202");
    }

    @Test
    void tokenWithInnerWhitespaceIs403Err202QuotingTheToken() {
        Reply reply = Reply.of(anonymous().header("Authorization", "Bearer abc def").header("Ngrok-Version", "2")
                .get(COLLECTION));

        assertEnvelope(reply, 403).hasCode("ERR_NGROK_202").hasMessageContaining("'abc def'");
    }

    @Test
    void tokenOver512BytesIs403Err202QuotingTheToken() {
        String longToken = "k".repeat(513);

        Reply reply = Reply.of(api(longToken).get(COLLECTION));

        assertEnvelope(reply, 403).hasCode("ERR_NGROK_202").hasMessageContaining("'" + longToken + "'");
    }

    @Test
    void tokenOfTenKilobytesIs403Err202InTheEnvelope() {
        Reply reply = Reply.of(api("k".repeat(10 * 1024)).get(COLLECTION));

        assertEnvelope(reply, 403).hasCode("ERR_NGROK_202");
    }

    @Test
    void tokenOfExactly512BytesIsAccepted() {
        api("k".repeat(511) + "x").get(COLLECTION).then().statusCode(200);
    }

    @Test
    void basicAuthWithTheKeyAsUserNameCreatesForThatKeysAccount() {
        String basic = Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8));

        String id = anonymous().header("Authorization", "Basic " + basic).header("Ngrok-Version", "2")
                .contentType(ContentType.JSON).body(Map.of("domain", uniqueDomain()))
                .post(COLLECTION)
                .then().statusCode(201).extract().path("id");

        api().get(COLLECTION + "/" + id).then().statusCode(200);
    }

    // ---------------------------------------------------------------- API version

    @Test
    void missingVersionIs400Err218WithNgroksMessage() {
        Reply reply = Reply.of(authorized(token).get(COLLECTION));

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_218").hasMessage(MISSING_VERSION_MSG);
    }

    @Test
    void versionOneIs400Err217QuotingTheVersion() {
        Reply reply = Reply.of(authorized(token).header("Ngrok-Version", "1")
                .get(COLLECTION));

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_217").hasMessageContaining("'1'");
    }

    @Test
    void nonNumericVersionIs400Err217() {
        Reply reply = Reply.of(authorized(token)
                .header("Ngrok-Version", "latest").get(COLLECTION));

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_217").hasMessageContaining("'latest'");
    }

    // ---------------------------------------------------------------- order of checks

    @Test
    void unknownPathWithoutAnyHeadersIsNgroksPlain404WithThePath() {
        Reply reply = Reply.of(anonymous().get("/nope"));

        assertRouteNotFound(reply, "/nope");
    }

    @Test
    void putOnAnItemIsARouteNotFoundEvenWithoutAuth() {
        Reply reply = Reply.of(anonymous().put(COLLECTION + "/x"));

        assertRouteNotFound(reply, COLLECTION + "/x");
    }

    @Test
    void postOnAnItemIsARouteNotFoundEvenWithoutAuth() {
        Reply reply = Reply.of(anonymous().post(COLLECTION + "/x"));

        assertRouteNotFound(reply, COLLECTION + "/x");
    }

    @Test
    void deleteOnTheCollectionIsARouteNotFoundEvenWithoutAuth() {
        Reply reply = Reply.of(anonymous().delete(COLLECTION));

        assertRouteNotFound(reply, COLLECTION);
    }

    @Test
    void unroutedMethodWithValidHeadersIsStillARouteNotFound() {
        Reply reply = Reply.of(api().put(COLLECTION + "/" + UNKNOWN_ID));

        assertRouteNotFound(reply, COLLECTION + "/" + UNKNOWN_ID);
    }

    @Test
    void authIsCheckedBeforeVersion() {
        Reply reply = Reply.of(anonymous().get(COLLECTION));

        assertEnvelope(reply, 403).hasCode("ERR_NGROK_200");
    }

    @Test
    void unparsableAuthIsCheckedBeforeAnUnsupportedVersion() {
        Reply reply = Reply.of(anonymous().header("Authorization", "Token abc").header("Ngrok-Version", "1")
                .get(COLLECTION));

        assertEnvelope(reply, 403).hasCode("ERR_NGROK_201");
    }

    @Test
    void versionIsCheckedBeforeTheBody() throws Exception {
        Reply reply = raw("POST", COLLECTION, "{not json", "Authorization", "Bearer " + token,
                "Content-Type", "application/json");

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_218");
    }

    @Test
    void versionIsCheckedBeforeTheContentType() throws Exception {
        Reply reply = raw("POST", COLLECTION, "domain=x", "Authorization", "Bearer " + token,
                "Content-Type", "text/plain");

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_218");
    }

    @Test
    void contentTypeIsCheckedBeforeDomainValidation() throws Exception {
        Reply reply = raw("POST", COLLECTION, "{\"domain\":\"not a domain\"}", "Authorization", "Bearer " + token,
                "Ngrok-Version", "2", "Content-Type", "text/plain");

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_210");
    }

    @Test
    void bodyIsCheckedBeforeExistence() {
        Reply reply = Reply.of(api().contentType(ContentType.JSON).body(Map.of("domain", uniqueDomain()))
                .patch(COLLECTION + "/" + UNKNOWN_ID));

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_214");
    }

    // ---------------------------------------------------------------- content type and bodies

    @Test
    void postWithoutContentTypeIs400Err216() throws Exception {
        Reply reply = raw("POST", COLLECTION, "{\"domain\":\"" + uniqueDomain() + "\"}", apiHeaders());

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_216");
    }

    @Test
    void patchWithoutContentTypeIs400Err216() throws Exception {
        String id = createIngress(uniqueDomain());

        Reply reply = raw("PATCH", COLLECTION + "/" + id, "{\"description\":\"x\"}", apiHeaders());

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_216");
    }

    @Test
    void postWithTextPlainIs400Err210() throws Exception {
        Reply reply = raw("POST", COLLECTION, "{\"domain\":\"" + uniqueDomain() + "\"}",
                apiHeaders("Content-Type", "text/plain"));

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_210").hasMessageContaining("'text/plain'");
    }

    @Test
    void postWithFormContentTypeIs400Err210() throws Exception {
        Reply reply = raw("POST", COLLECTION, "domain=" + uniqueDomain(),
                apiHeaders("Content-Type", "application/x-www-form-urlencoded"));

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_210");
    }

    @Test
    void jsonWithCharsetParameterIsAccepted() throws Exception {
        String domain = uniqueDomain();

        Reply reply = raw("POST", COLLECTION, "{\"domain\":\"" + domain + "\"}",
                apiHeaders("Content-Type", "application/json; charset=utf-8"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().getString("domain")).isEqualTo(domain);
    }

    @Test
    void getWithJsonContentTypeAndNoBodyIsAccepted() throws Exception {
        Reply reply = raw("GET", COLLECTION, null, apiHeaders("Content-Type", "application/json"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void deleteWithJsonContentTypeAndNoBodyIsAccepted() throws Exception {
        String id = createIngress(uniqueDomain());

        Reply reply = raw("DELETE", COLLECTION + "/" + id, null, apiHeaders("Content-Type", "application/json"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(204);
    }

    @Test
    void getWithABodyIs400Err211() throws Exception {
        Reply reply = raw("GET", COLLECTION, "{}", apiHeaders("Content-Type", "application/json"));

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_211").hasMessageContaining("'GET'");
    }

    @Test
    void deleteWithABodyIs400Err211AndDeletesNothing() throws Exception {
        String id = createIngress(uniqueDomain());

        Reply reply = raw("DELETE", COLLECTION + "/" + id, "{}", apiHeaders("Content-Type", "application/json"));

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_211").hasMessageContaining("'DELETE'");
        api().get(COLLECTION + "/" + id).then().statusCode(200);
    }

    @Test
    void unparsableJsonIs400Err213() throws Exception {
        Reply reply = raw("POST", COLLECTION, "{\"domain\": ", apiHeaders("Content-Type", "application/json"));

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_213");
    }

    @Test
    void bodyOverOneMebibyteWithContentLengthIs413AndCreatesNothing() throws Exception {
        String domain = uniqueDomain();

        Reply reply = raw("POST", COLLECTION, paddedCreateBody(domain, ONE_MIB + 1), false,
                apiHeaders("Content-Type", "application/json"));

        assertEnvelope(reply, 413);
        assertNoIngresses(token);
        createIngress(domain);
    }

    @Test
    void chunkedBodyOverOneMebibyteIs413AndCreatesNothing() throws Exception {
        String domain = uniqueDomain();

        Reply reply = raw("POST", COLLECTION, paddedCreateBody(domain, ONE_MIB + 1), true,
                apiHeaders("Content-Type", "application/json"));

        assertEnvelope(reply, 413);
        assertNoIngresses(token);
        createIngress(domain);
    }

    @Test
    void bodyOfExactlyOneMebibyteIsAccepted() throws Exception {
        Reply reply = raw("POST", COLLECTION, paddedCreateBody(uniqueDomain(), ONE_MIB), false,
                apiHeaders("Content-Type", "application/json"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    @Test
    void chunkedBodyOfExactlyOneMebibyteIsAccepted() throws Exception {
        Reply reply = raw("POST", COLLECTION, paddedCreateBody(uniqueDomain(), ONE_MIB), true,
                apiHeaders("Content-Type", "application/json"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    // ---------------------------------------------------------------- envelope and operation IDs

    static Stream<Arguments> errorRequests() {
        return Stream.of(
                errorCase("no Authorization", 403,
                        t -> Reply.of(t.anonymous().header("Ngrok-Version", "2").get(COLLECTION))),
                errorCase("unparsable Authorization", 403, t -> Reply.of(t.anonymous()
                        .header("Authorization", "Token abc").header("Ngrok-Version", "2").get(COLLECTION))),
                errorCase("token not credential-shaped", 403,
                        t -> Reply.of(t.api("a b").get(COLLECTION))),
                errorCase("missing Ngrok-Version", 400, t -> Reply.of(t.anonymous()
                        .header("Authorization", "Bearer " + t.token).get(COLLECTION))),
                errorCase("unsupported Ngrok-Version", 400, t -> Reply.of(t.anonymous()
                        .header("Authorization", "Bearer " + t.token).header("Ngrok-Version", "3").get(COLLECTION))),
                errorCase("unknown path", 404, t -> Reply.of(t.anonymous().get("/nope"))),
                errorCase("unrouted method", 404, t -> Reply.of(t.anonymous().put(COLLECTION + "/x"))),
                errorCase("POST without Content-Type", 400,
                        t -> t.raw("POST", COLLECTION, "{}", t.apiHeaders())),
                errorCase("POST as text/plain", 400,
                        t -> t.raw("POST", COLLECTION, "{}", t.apiHeaders("Content-Type", "text/plain"))),
                errorCase("GET with a body", 400,
                        t -> t.raw("GET", COLLECTION, "{}", t.apiHeaders("Content-Type", "application/json"))),
                errorCase("unparsable JSON", 400, t -> t.raw("POST", COLLECTION, "{",
                        t.apiHeaders("Content-Type", "application/json"))),
                errorCase("unknown field", 400,
                        t -> Reply.of(t.apiJson(Map.of("domain", uniqueDomain(), "colour", "red")).post(COLLECTION))),
                errorCase("wrong JSON type", 400,
                        t -> Reply.of(t.apiJson(Map.of("domain", 42)).post(COLLECTION))),
                errorCase("invalid domain", 400,
                        t -> Reply.of(t.apiJson(Map.of("domain", "not a domain")).post(COLLECTION))),
                errorCase("ngrok-owned domain", 400,
                        t -> Reply.of(t.apiJson(Map.of("domain", "x.ngrok.app")).post(COLLECTION))),
                errorCase("unknown query parameter", 400,
                        t -> Reply.of(t.api().queryParam("colour", "red").get(COLLECTION))),
                errorCase("limit out of range", 400,
                        t -> Reply.of(t.api().queryParam("limit", "0").get(COLLECTION))),
                errorCase("malformed before_id", 400,
                        t -> Reply.of(t.api().queryParam("before_id", "nope").get(COLLECTION))),
                errorCase("invalid filter", 400,
                        t -> Reply.of(t.api().queryParam("filter", "obj.colour == 'red'").get(COLLECTION))),
                errorCase("resource not found", 404,
                        t -> Reply.of(t.api().get(COLLECTION + "/" + UNKNOWN_ID))),
                errorCase("body too large", 413, t -> t.raw("POST", COLLECTION,
                        paddedCreateBody(uniqueDomain(), ONE_MIB + 1), false,
                        t.apiHeaders("Content-Type", "application/json"))),
                errorCase("GET /error directly", 404, t -> Reply.of(t.api().get("/error"))));
    }

    private static Arguments errorCase(String name, int status,
            ThrowingFunction<NgrokRequestChecksIntegrationTests, Reply> request) {
        return Arguments.of(name, status, request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorRequests")
    void everyErrorIsNgroksJsonEnvelope(String name, int status,
            ThrowingFunction<NgrokRequestChecksIntegrationTests, Reply> request) throws Exception {
        Reply reply = request.apply(this);

        assertEnvelope(reply, status);
    }

    @Test
    void everySuccessfulOperationCarriesAnOperationId() {
        List<String> ids = new ArrayList<>();
        Response created = apiJson(Map.of("domain", uniqueDomain())).post(COLLECTION);
        created.then().statusCode(201);
        ids.add(created.getHeader(OPERATION_ID_HEADER));
        String id = created.path("id");
        Response listed = api().get(COLLECTION);
        listed.then().statusCode(200);
        ids.add(listed.getHeader(OPERATION_ID_HEADER));
        Response got = api().get(COLLECTION + "/" + id);
        got.then().statusCode(200);
        ids.add(got.getHeader(OPERATION_ID_HEADER));
        Response patched = apiJson(Map.of("description", "d")).patch(COLLECTION + "/" + id);
        patched.then().statusCode(200);
        ids.add(patched.getHeader(OPERATION_ID_HEADER));
        Response deleted = api().delete(COLLECTION + "/" + id);
        deleted.then().statusCode(204);
        ids.add(deleted.getHeader(OPERATION_ID_HEADER));

        assertThat(ids).allSatisfy(operationId -> assertThat(operationId).isNotNull().matches(OPERATION_ID_PATTERN));
    }

    @Test
    void operationIdsAreOpKsuidsAndDifferPerRequest() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            ids.add(api().get(COLLECTION).getHeader(OPERATION_ID_HEADER));
            ids.add(anonymous().get(COLLECTION).getHeader(OPERATION_ID_HEADER));
        }

        assertThat(ids).hasSize(50).allSatisfy(id -> assertThat(id).isNotNull().matches(OPERATION_ID_PATTERN));
    }

    @Test
    void successAnsweredAsJsonEvenWhenHtmlIsAccepted() {
        Response response = api().accept("text/html").get(COLLECTION);

        response.then().statusCode(200);
        assertThat(MediaType.parseMediaType(response.getContentType()).isCompatibleWith(MediaType.APPLICATION_JSON))
                .as(response.getContentType()).isTrue();
        assertThat(response.jsonPath().getList("ingresses")).isNotNull();
    }

    @Test
    void filterErrorAnsweredAsJsonEvenWhenHtmlIsAccepted() {
        Reply reply = Reply.of(anonymous().accept("text/html").get("/nope"));

        assertRouteNotFound(reply, "/nope");
    }

    @Test
    void handlerErrorAnsweredAsJsonEvenWhenHtmlIsAccepted() {
        Reply reply = Reply.of(api().accept("text/html").get(COLLECTION + "/" + UNKNOWN_ID));

        assertResourceNotFound(reply);
    }

    @Test
    void validationErrorAnsweredAsJsonEvenWhenHtmlIsAccepted() {
        Reply reply = Reply.of(apiJson(Map.of("domain", "not a domain")).accept("text/html").post(COLLECTION));

        assertEnvelope(reply, 400).hasCode("ERR_NGROK_6704");
    }

    @Test
    void errorPathRequestedDirectlyIsNgroksRouteNotFound() {
        Reply reply = Reply.of(api().get("/error"));

        assertRouteNotFound(reply, "/error");
    }

    @Test
    void errorPathRequestedDirectlyWithoutHeadersIsNgroksRouteNotFound() {
        Reply reply = Reply.of(anonymous().get("/error"));

        assertRouteNotFound(reply, "/error");
    }

    @Test
    void malformedPercentEncodingInThePathIsAnsweredInTheEnvelope() throws Exception {
        Reply reply = socket("GET /agent_ingresses/%zz HTTP/1.1");

        assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
        assertEnvelope(reply, reply.status());
    }

    @Test
    void encodedSlashInThePathIsAnsweredInTheEnvelope() throws Exception {
        Reply reply = socket("GET /agent_ingresses/a%2Fb HTTP/1.1");

        assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
        assertEnvelope(reply, reply.status());
    }

    @Test
    void oversizedRequestHeadersAreAnsweredInTheEnvelope() throws Exception {
        Reply reply = socket("GET /agent_ingresses HTTP/1.1", "Authorization: Bearer " + token, "Ngrok-Version: 2",
                "X-Padding: " + "p".repeat(64 * 1024));

        assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
        assertEnvelope(reply, reply.status());
    }

    // ---------------------------------------------------------------- CORS

    @Test
    void preflightIsAnsweredWithoutAuthAndEchoesOriginAndHeaders() {
        Response response = anonymous()
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,ngrok-version,content-type")
                .options(COLLECTION);

        assertThat(response.statusCode()).as(response.asString()).isBetween(200, 299);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(response.getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(headerList(response, "Access-Control-Allow-Methods")).contains("POST");
        assertThat(headerList(response, "Access-Control-Allow-Headers"))
                .containsExactlyInAnyOrder("authorization", "ngrok-version", "content-type");
        assertThat(response.getHeader("Access-Control-Max-Age")).isEqualTo("600");
    }

    @Test
    void preflightForAnItemAllowsPatchAndDelete() {
        for (String method : List.of("PATCH", "DELETE")) {
            Response response = anonymous()
                    .header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", method)
                    .options(COLLECTION + "/" + UNKNOWN_ID);

            assertThat(response.statusCode()).as(method).isBetween(200, 299);
            assertThat(headerList(response, "Access-Control-Allow-Methods")).as(method).contains(method);
        }
    }

    @Test
    void actualRequestWithOriginGetsTheOriginEchoed() {
        Response response = api().header("Origin", "https://app.example.com").get(COLLECTION);

        response.then().statusCode(200);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    }

    @Test
    void errorResponsesCarryTheCorsHeadersToo() {
        Response response = anonymous().header("Origin", "https://app.example.com").get(COLLECTION);

        assertEnvelope(Reply.of(response), 403).hasCode("ERR_NGROK_200");
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(response.getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
    }

    @Test
    void unroutedMethodWithAnOriginIsStillARouteNotFound() {
        Reply reply = Reply.of(api().header("Origin", "https://app.example.com").put(COLLECTION + "/x"));

        assertRouteNotFound(reply, COLLECTION + "/x");
    }

    @Test
    void preflightForAMethodNgrokDoesNotTakeIsAnsweredInTheEnvelope() {
        Response response = anonymous()
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "PUT")
                .options(COLLECTION + "/x");

        assertThat(response.statusCode()).as(response.asString()).isBetween(400, 499);
        assertEnvelope(Reply.of(response), response.statusCode());
    }

    // ---------------------------------------------------------------- open mode: a token is an account

    @Test
    void anotherTokenGets404OnGet() {
        String id = createIngress(uniqueDomain());

        Reply reply = Reply.of(api(newToken()).get(COLLECTION + "/" + id));

        assertResourceNotFound(reply);
        api().get(COLLECTION + "/" + id).then().statusCode(200);
    }

    @Test
    void anotherTokenGets404OnPatchAndChangesNothing() {
        String id = createIngress(token, Map.of("domain", uniqueDomain(), "description", "mine"));

        Reply reply = Reply.of(api(newToken()).contentType(ContentType.JSON).body(Map.of("description", "theirs"))
                .patch(COLLECTION + "/" + id));

        assertResourceNotFound(reply);
        assertThat(api().get(COLLECTION + "/" + id).then().statusCode(200).extract().<String>path("description"))
                .isEqualTo("mine");
    }

    @Test
    void anotherTokenGets404OnDeleteAndDeletesNothing() {
        String id = createIngress(uniqueDomain());

        Reply reply = Reply.of(api(newToken()).delete(COLLECTION + "/" + id));

        assertResourceNotFound(reply);
        api().get(COLLECTION + "/" + id).then().statusCode(200);
    }

    @Test
    void anotherTokensListDoesNotShowTheIngress() {
        createIngress(uniqueDomain());

        assertNoIngresses(newToken());
    }

    @Test
    void unknownIdIsNgroksPlain404ForItsOwnAccount() {
        Reply reply = Reply.of(api().get(COLLECTION + "/" + UNKNOWN_ID));

        assertResourceNotFound(reply);
    }

    // ---------------------------------------------------------------- rejected requests change nothing

    static Stream<Arguments> rejectedCreates() {
        return Stream.of(
                Arguments.of("no Authorization", List.of("Ngrok-Version", "2", "Content-Type", "application/json")),
                Arguments.of("unparsable Authorization",
                        List.of("Authorization", "Token %s", "Ngrok-Version", "2", "Content-Type", "application/json")),
                Arguments.of("missing Ngrok-Version",
                        List.of("Authorization", "Bearer %s", "Content-Type", "application/json")),
                Arguments.of("Ngrok-Version 1", List.of("Authorization", "Bearer %s", "Ngrok-Version", "1",
                        "Content-Type", "application/json")),
                Arguments.of("no Content-Type", List.of("Authorization", "Bearer %s", "Ngrok-Version", "2")),
                Arguments.of("text/plain",
                        List.of("Authorization", "Bearer %s", "Ngrok-Version", "2", "Content-Type", "text/plain")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedCreates")
    void createRejectedForItsHeadersLeavesNoIngressAndTheDomainFree(String name, List<String> headers)
            throws Exception {
        String domain = uniqueDomain();
        String[] filled = headers.stream().map(value -> value.replace("%s", token)).toArray(String[]::new);

        Reply reply = raw("POST", COLLECTION, "{\"domain\":\"" + domain + "\"}", filled);

        assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
        assertNoIngresses(token);
        createIngress(newToken(), Map.of("domain", domain));
    }

    // ================================================================ helpers

    /** A request's outcome, from REST Assured or java.net.http alike. */
    record Reply(int status, @Nullable String contentType, @Nullable String operationId, String body) {

        static Reply of(Response response) {
            return new Reply(response.statusCode(), response.getHeader("Content-Type"),
                    response.getHeader(OPERATION_ID_HEADER), response.asString());
        }

        static Reply of(HttpResponse<String> response) {
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue(OPERATION_ID_HEADER).orElse(null), response.body());
        }

        JsonPath json() {
            return JsonPath.from(body);
        }
    }

    @FunctionalInterface
    interface ThrowingFunction<T, R> {
        R apply(T value) throws Exception;
    }

    /** ngrok's envelope (§9.4.5), whatever the error: see {@link NgrokErrorAssert#isNgrokEnvelope()}. */
    private static NgrokErrorAssert assertEnvelope(Reply reply, int status) {
        return assertThatNgrokError(reply.status(), reply.contentType(), reply.operationId(), reply.body())
                .isNgrokEnvelope().hasStatus(status);
    }

    /** §9.4.1: {"status_code":404,"msg":"Not Found","details":{"path":…,"operation_id":…}}, no error_code. */
    private static void assertRouteNotFound(Reply reply, String path) {
        assertEnvelope(reply, 404).hasNoCode().hasMessage("Not Found").hasOnlyDetailKeys("path", "operation_id")
                .hasDetail("path", path);
    }

    /** §9.2.5: {"status_code":404,"msg":"Resource not found","details":{"operation_id":…}}, no error_code. */
    private static void assertResourceNotFound(Reply reply) {
        assertEnvelope(reply, 404).hasNoCode().hasMessage("Resource not found").hasOnlyDetailKeys("operation_id");
    }

    private void assertNoIngresses(String bearerToken) {
        List<Object> ingresses = api(bearerToken).get(COLLECTION).then().statusCode(200).extract().jsonPath()
                .getList("ingresses");
        assertThat(ingresses).isEmpty();
    }

    private static List<String> headerList(Response response, String name) {
        String value = response.getHeader(name);
        assertThat(value).as(name).isNotNull();
        return Arrays.stream(value.split(",")).map(String::trim).map(String::toLowerCase)
                .map(item -> name.endsWith("Methods") ? item.toUpperCase() : item).toList();
    }

    /** A valid create body of exactly {@code size} bytes: the domain, padded with insignificant whitespace. */
    private static byte[] paddedCreateBody(String domain, int size) {
        String head = "{\"domain\":\"" + domain + "\"";
        int padding = size - head.length() - 1;
        byte[] body = (head + " ".repeat(padding) + "}").getBytes(StandardCharsets.US_ASCII);
        assertThat(body).hasSize(size);
        return body;
    }

    /**
     * Bytes straight onto a socket, for requests no HTTP client library will send (malformed request lines, huge
     * headers). The connection is closed after one response; a chunked response body is decoded.
     */
    private Reply socket(String requestLine, String... headers) throws Exception {
        String[] parts = requestLine.split(" ");
        RawHttp.Reply reply = new RawHttp(port).send(parts[0], parts[1], new byte[0], headers);
        return new Reply(reply.status(), reply.headers().get("Content-Type"), reply.headers().get(OPERATION_ID_HEADER),
                reply.body());
    }

    private String[] apiHeaders(String... more) {
        List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + token, "Ngrok-Version", "2"));
        headers.addAll(List.of(more));
        return headers.toArray(String[]::new);
    }

    private Reply raw(String method, String path, @Nullable String body, String... headers) throws Exception {
        return raw(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), false, headers);
    }

    /** Exactly these headers; a body sent with a Content-Length, or chunked (no length known up front). */
    private Reply raw(String method, String path, byte @Nullable [] body, boolean chunked, String... headers)
            throws Exception {
        BodyPublisher publisher;
        if (body == null) {
            publisher = BodyPublishers.noBody();
        } else if (chunked) {
            publisher = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        } else {
            publisher = BodyPublishers.ofByteArray(body);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, publisher);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Reply.of(HTTP.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }
}
