package dev.agentingress.emulator.api.error;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * ngrok's error codes and message templates (docs: the error reference; placeholders are filled in single quotes,
 * as the live API does, except version lists).
 */
public final class NgrokErrors {

    private static final String API_KEYS_HINT =
            "API keys and instructions are available on your dashboard: https://dashboard.ngrok.com/api-keys";
    static final String CLIENT_HINT =
            "Check your API client implementation and review the API documentation: https://ngrok.com/docs/api-reference/.";
    public static final String SUPPORTED_VERSIONS = "2";

    private NgrokErrors() {
    }

    public static NgrokException missingAuthorization() {
        return bad(HttpStatus.FORBIDDEN, 200, "The ngrok API requires that you set the Authorization header for "
                + "authentication. Your API keys and instructions are available on your dashboard: "
                + "https://dashboard.ngrok.com/api-keys");
    }

    public static NgrokException unparsableAuthorization(String header) {
        return bad(HttpStatus.FORBIDDEN, 201, "The ngrok API requires that you use Basic or Bearer authentication "
                + "via the Authorization header. It could not parse the header in this request. Authorization Header: '"
                + header + "'. " + API_KEYS_HINT);
    }

    public static NgrokException notCredentialShaped(String token) {
        return bad(HttpStatus.FORBIDDEN, 202, "The API authentication you specified does not look like a valid "
                + "credential. Your credential: '" + token + "'. " + API_KEYS_HINT);
    }

    public static NgrokException unknownCredential(String token) {
        return bad(HttpStatus.FORBIDDEN, 203, "The API authentication you specified is properly formed, but it is "
                + "invalid. Your authentication: '" + token + "'. " + API_KEYS_HINT);
    }

    public static NgrokException unsupportedContentType(String contentType) {
        return bad(HttpStatus.BAD_REQUEST, 210, "The content type you specified '" + contentType + "' is not "
                + "supported by the API. Use 'application/json'. " + CLIENT_HINT);
    }

    public static NgrokException unexpectedBody(String method) {
        return bad(HttpStatus.BAD_REQUEST, 211, "The '" + method + "' request you made does not expect a body, but "
                + "you provided one. " + CLIENT_HINT);
    }

    public static NgrokException unparsableBody(String contentType) {
        return bad(HttpStatus.BAD_REQUEST, 213, "The '" + contentType + "' request body could not be parsed. "
                + CLIENT_HINT);
    }

    public static NgrokException unknownField(String name, Collection<String> supported) {
        return bad(HttpStatus.BAD_REQUEST, 214, "The request parameter '" + name + "' is unknown and not expected. "
                + "The supported fields are: '" + String.join(", ", supported) + "'. " + CLIENT_HINT);
    }

    public static NgrokException invalidField(String name) {
        return bad(HttpStatus.BAD_REQUEST, 215, "The value provided for the request parameter '" + name
                + "' is invalid. " + CLIENT_HINT);
    }

    /** A field longer than the emulator can store; ngrok's own limits (6700, 6701) have their own codes. */
    public static NgrokException fieldTooLong(String name, int maxCharacters, int given) {
        return new NgrokException(HttpStatus.BAD_REQUEST, null, "The value provided for the request parameter '" + name
                + "' is limited to " + maxCharacters + " characters, but the provided value had " + given
                + " characters.", Map.of());
    }

    public static NgrokException missingContentType() {
        return bad(HttpStatus.BAD_REQUEST, 216, "You did not provide a Content-Type with your request. Use "
                + "'application/json'. " + CLIENT_HINT);
    }

    public static NgrokException unsupportedVersion(String version) {
        return bad(HttpStatus.BAD_REQUEST, 217, "The provided API version '" + version + "' is invalid or "
                + "unsupported. Supported versions: " + SUPPORTED_VERSIONS + ". Check your API client implementation.");
    }

    public static NgrokException missingVersion() {
        return bad(HttpStatus.BAD_REQUEST, 218, "Your request has not specified an API version. Include the version "
                + "you wish to use in the Ngrok-Version header. Supported versions: " + SUPPORTED_VERSIONS + ".");
    }

    public static NgrokException rateLimited(int max, String interval) {
        return bad(HttpStatus.TOO_MANY_REQUESTS, 226, "Your account is rate limited to " + max + " API requests per "
                + interval + ".");
    }

    public static NgrokException tooManyConcurrentRequests(int max) {
        return bad(HttpStatus.TOO_MANY_REQUESTS, 225, "Your account is limited to " + max
                + " simultaneous API requests.");
    }

    /** A failure a test asked the emulator for: its status, and ngrok's error code only when the test named one. */
    public static NgrokException injectedFault(HttpStatusCode status, @Nullable String errorCode, String msg) {
        return new NgrokException(status, errorCode, msg, Map.of());
    }

    public static NgrokException invalidReference(String id) {
        return bad(HttpStatus.BAD_REQUEST, 223, "'" + id + "' is not a valid resource reference identifier.");
    }

    public static NgrokException unknownQueryParameters(List<String> unknown, Collection<String> supported) {
        return bad(HttpStatus.BAD_REQUEST, 231, "The query part of the requested URI includes unknown parameters: '"
                + String.join(", ", unknown) + "'. The supported parameters are: '" + String.join(", ", supported)
                + "'. " + CLIENT_HINT);
    }

    public static NgrokException repeatedQueryParameter(String name, List<String> values) {
        return bad(HttpStatus.BAD_REQUEST, 232, "The request must specify only a single value for the '" + name
                + "' parameter but got '" + values.size() + "': '" + String.join(", ", values) + "'. " + CLIENT_HINT);
    }

    public static NgrokException badQueryEncoding() {
        return new NgrokException(HttpStatus.BAD_REQUEST, null, "The query part of the requested URI could not be "
                + "read: each '%' must start an escape of two hexadecimal digits, and the escaped bytes must be UTF-8. "
                + CLIENT_HINT, Map.of());
    }

    /**
     * A query sent as typed, e.g. {@code ?filter=obj.domain.endsWith(".acme.com")}: Tomcat refuses the request line
     * before anything reads it, so only the message can help.
     */
    public static NgrokException unencodedQuery() {
        return new NgrokException(HttpStatus.BAD_REQUEST, null, "The query part of the requested URI includes "
                + "characters that must be percent-encoded (such as '\"', '<', '>', '\\', '^', '`', '{', '|' and '}'):"
                + " encode each value, e.g. with curl -G --data-urlencode 'filter=...'. " + CLIENT_HINT, Map.of());
    }

    /** The query string Tomcat could not parse, for handlers that read it themselves (no detail of which rule). */
    public static NgrokException unreadableQuery(int maxParameters) {
        return new NgrokException(HttpStatus.BAD_REQUEST, null, "The query part of the requested URI could not be "
                + "read: check its percent-encoding (UTF-8), that every parameter has a name, and that there are at "
                + "most " + maxParameters + " parameters. " + CLIENT_HINT, Map.of());
    }

    public static NgrokException emptyQueryParameterName() {
        return new NgrokException(HttpStatus.BAD_REQUEST, null, "The query part of the requested URI includes a "
                + "parameter without a name (an empty part between '&'s, or one that starts with '='). " + CLIENT_HINT,
                Map.of());
    }

    public static NgrokException tooManyQueryParameters(int max) {
        return new NgrokException(HttpStatus.BAD_REQUEST, null, "The query part of the requested URI includes more "
                + "than " + max + " parameters. " + CLIENT_HINT, Map.of());
    }

    public static NgrokException limitOutOfRange(int max, String value) {
        return bad(HttpStatus.BAD_REQUEST, 233, "The page size limit must be between 1 and " + max + " but '" + value
                + "' was provided.");
    }

    public static NgrokException limitNotANumber(int max, String value) {
        return bad(HttpStatus.BAD_REQUEST, 244, "The page size limit must be a number between 1 and " + max + " but '"
                + value + "' was provided.");
    }

    public static NgrokException invalidCertificateAuthority() {
        return bad(HttpStatus.BAD_REQUEST, 435, "Invalid authority specified in managed certificate policy.");
    }

    public static NgrokException invalidFilter(String detail) {
        return new NgrokException(HttpStatus.BAD_REQUEST, "invalid_cel_expression", "Invalid CEL query: " + detail,
                Map.of());
    }

    /**
     * The emulator's own limit on a filtered list (ngrok documents none, so no code): a filter is evaluated on each of
     * the account's rows until a page is full, and one that matches few of many rows can take longer than any client
     * would wait.
     */
    public static NgrokException filterTooSlow(Duration budget) {
        return new NgrokException(HttpStatus.BAD_REQUEST, null, "The filter took longer than the time budget of "
                + budget.toMillis()
                + " ms for one list and was stopped. Use a simpler filter or a lower limit, or raise"
                + " the budget (emulator.filter.time-budget, EMULATOR_FILTER_TIME_BUDGET).", Map.of());
    }

    /** ngrok's 404 for an ID this account does not own: no error code. */
    public static NgrokException resourceNotFound() {
        return new NgrokException(HttpStatus.NOT_FOUND, null, "Resource not found", Map.of());
    }

    /** ngrok's 404 for a path or method it does not route: no error code, the path in the details. */
    public static NgrokException routeNotFound(String path) {
        return new NgrokException(HttpStatus.NOT_FOUND, null, "Not Found", Map.of("path", path));
    }

    public static NgrokException bodyTooLarge(long maxBytes) {
        return new NgrokException(HttpStatus.CONTENT_TOO_LARGE, null,
                "The request body is larger than the limit of " + maxBytes + " bytes.", Map.of());
    }

    /**
     * A bound of the emulator's own, which ngrok has no code for: a 400 in the shape of ngrok's plan limits ("... is
     * limited to MAX ..."), naming the setting that raises it and its environment variable.
     */
    public static NgrokException limitReached(String what, long max, String setting, String remedy) {
        String variable = setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        return plainStatus(400, "This emulator is limited to " + max + " " + what + " (setting " + setting
                + ", environment variable " + variable + "). " + remedy);
    }

    /** A status ngrok gives no code for (e.g. a 4xx Spring raises that ngrok's API never would). */
    public static NgrokException plainStatus(int status, @Nullable String msg) {
        HttpStatus resolved = HttpStatus.valueOf(status);
        return new NgrokException(resolved, null, msg != null ? msg : resolved.getReasonPhrase(), Map.of());
    }

    public static NgrokException internalError() {
        return new NgrokException(HttpStatus.INTERNAL_SERVER_ERROR, null,
                "An internal server error occurred. Retry the request; if it keeps failing, the emulator's log says why.",
                Map.of());
    }

    /** An error with an {@code ERR_NGROK_<number>} code and no details beyond the operation ID. */
    public static NgrokException bad(HttpStatus status, int code, String msg) {
        return new NgrokException(status, "ERR_NGROK_" + code, msg, Map.of());
    }
}
