package dev.agentingress.emulator.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every knob of the emulator, bound from {@code emulator.*} (or the {@code EMULATOR_*} environment variables) and
 * checked at start-up: a bad value stops the server with one line naming it
 * ({@link InvalidConfigurationFailureAnalyzer}).
 *
 * @param publicBaseUrl    base of the absolute URLs in list responses; when unset, the scheme, host and port of each
 *                         request
 * @param absoluteItemUris make each ingress {@code uri} absolute, as ngrok did before late 2023
 * @param regions          region codes; each ingress gets {@code tunnel.<region>.<domain>} per code, in this order
 * @param nsTargets        the name servers every ingress asks to be delegated to, fully qualified (ending in a dot)
 * @param apiKeys          empty for open mode (every token is its own account); else entries {@code key} or
 *                         {@code key=account}
 * @param dataDir          where the {@code durable} profile keeps its H2 file (read by {@code application-durable.yml})
 * @param adminToken       the operator's token for the controls that act on every account; none when unset
 * @param certificates     how managed certificates move from provisioning to issued
 * @param seed             ingresses loaded at start-up
 * @param faults           fault injection for tests (the header; the {@code /_emulator/faults} rules are always on)
 * @param rateLimit        ngrok's per-account rate limit, off unless enabled
 * @param versionHeader    how the {@code Ngrok-Version} header is checked
 * @param journal          the request journal of {@code /_emulator/journal}, kept in the database
 * @param requests         how long a request may take to arrive, and how many one account may run at once
 * @param filter           how much work one filtered list may do
 * @param clock            the per-account clocks of {@code /_emulator/clock}, held in memory
 * @param memory           the bound on what the default in-memory database holds
 * @param ui               the dashboard at {@code /_emulator/ui}
 * @param importing        the import control of {@code /_emulator/agent_ingresses} (the {@code emulator.import.*}
 *                         settings)
 */
@Validated
@ConfigurationProperties("emulator")
// @formatter:off: a table of settings, one a line whatever its length
public record EmulatorProperties(
        @Nullable @Pattern(regexp = "https?://[^/?#\\s]+(/[^?#\\s]*)?", message = "must be an absolute http or https URL without a query")
        String publicBaseUrl,
        boolean absoluteItemUris,
        @DefaultValue({"us", "eu", "ap", "au", "sa", "jp", "in"})
        @NotEmpty List<@Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a region code such as us or us-cal-1") String> regions,
        @DefaultValue({"ns1.agent-ingress.emulator.invalid.", "ns2.agent-ingress.emulator.invalid.",
                "ns3.agent-ingress.emulator.invalid.", "ns4.agent-ingress.emulator.invalid."})
        @NotEmpty List<@Pattern(regexp = "([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+", message = "must be a fully qualified name ending in a dot") String> nsTargets,
        @DefaultValue List<@Pattern(regexp = "[^=\\s]{1,512}(=[^=\\s]+)?", message = "must be key or key=account, without spaces") String> apiKeys,
        @DefaultValue("./data") @Pattern(regexp = "(/|\\./|\\.\\./|~/).*", message = "must be absolute or start with ./ (H2 refuses other relative paths)") String dataDir,
        @Nullable @Pattern(regexp = "\\S{16,512}", message = "must be 16 to 512 characters without spaces") String adminToken,
        @DefaultValue @Valid Certificates certificates,
        @DefaultValue @Valid Seed seed,
        @DefaultValue @Valid Faults faults,
        @DefaultValue @Valid RateLimit rateLimit,
        @DefaultValue("strict") @NotNull VersionHeader versionHeader,
        @DefaultValue @Valid Journal journal,
        @DefaultValue @Valid Requests requests,
        @DefaultValue @Valid Filter filter,
        @DefaultValue @Valid Clock clock,
        @DefaultValue @Valid Memory memory,
        @DefaultValue @Valid Ui ui,
        @Name("import") @DefaultValue @Valid Import importing) {
// @formatter:on

    /** The longest account name a {@code key=account} entry may give: what the account column holds. */
    static final int MAX_ACCOUNT_NAME_LENGTH = 128;

    /**
     * Checked apart from the entries' shape so that the message names the rule, not the entry: an entry holds a key,
     * and keys are secrets that have no place in a log.
     */
    @AssertTrue(message = "emulator.api-keys: an account name (after '=') is limited to " + MAX_ACCOUNT_NAME_LENGTH
            + " characters")
    public boolean isEveryAccountNameStorable() {
        return apiKeys.stream()
                .filter(entry -> entry.indexOf('=') >= 0)
                .allMatch(entry -> entry.substring(entry.indexOf('=') + 1).trim().length() <= MAX_ACCOUNT_NAME_LENGTH);
    }

    /**
     * @param provisioningTime how long a requested certificate stays "in progress" before it is issued
     * @param renewAfter       how long after issue {@code renews_at} lies (Let's Encrypt certificates last 90 days)
     * @param retryAfter       how long after a failure {@code retries_at} lies
     */
    public record Certificates(
            @DefaultValue("60s") Duration provisioningTime,
            @DefaultValue("60d") Duration renewAfter,
            @DefaultValue("10m") Duration retryAfter) {
    }

    /**
     * @param path  a JSON file in the list shape of {@code GET /agent_ingresses}, or a directory of them
     * @param token the API key whose account owns the seeded ingresses
     */
    public record Seed(@Nullable String path, @Nullable String token) {

        @AssertTrue(message = "emulator.seed.token must name the owning API key when emulator.seed.path is set")
        public boolean isTokenGivenWithPath() {
            return path == null || (token != null && !token.isBlank());
        }
    }

    /**
     * @param headerEnabled whether the {@code Ngrok-Emulator-Fault} request header is obeyed (turn it off for staging)
     * @param maxRules      the {@code /_emulator/faults} rules held in all, every account together
     */
    public record Faults(
            @DefaultValue("true") boolean headerEnabled,
            @DefaultValue("5000") @Positive int maxRules) {
    }

    /**
     * @param enabled     whether requests beyond the limit are refused (429 ERR_NGROK_226), as ngrok does
     * @param limit       requests an account may make in any rolling window
     * @param window      the rolling window
     * @param maxAccounts accounts whose window is tracked; beyond, the least recently active one is forgotten
     */
    public record RateLimit(
            boolean enabled,
            @DefaultValue("120") @Min(value = 1, message = "must be at least 1") int limit,
            @DefaultValue("60s") @NotNull @DurationMin(millis = 1, message = "must be at least 1ms") Duration window,
            @DefaultValue("5000") @Positive int maxAccounts) {
    }

    /** {@code strict}: ngrok's 400 ERR_NGROK_218 (missing) and 217 (not 2); {@code lenient}: any value, logged once. */
    public enum VersionHeader {
        STRICT, LENIENT
    }

    /**
     * Bounded in entries per account, in accounts and, what makes it fit the heap, in bytes.
     *
     * @param enabled              whether requests are recorded
     * @param maxEntriesPerAccount the newest requests kept per account; older ones are dropped
     * @param maxAccounts          accounts kept; beyond it, the least recently used account's journal is dropped
     * @param maxBodyBytes         bytes kept of each request and response body; the rest is cut and marked truncated
     * @param maxHeaderBytes       heap kept of each request's headers; the headers past it are left out, and marked
     * @param maxBytes             heap held by every entry together; beyond it, the largest journal drops its oldest
     * @param redactHeaders        request headers whose values are never recorded, besides the credential headers
     *                             the journal always redacts ({@code Authorization}, {@code Cookie}, ...)
     * @param store                where entries are kept: {@code database}, shared by every instance on it;
     *                             {@code memory}, this process only and several times cheaper a request; {@code auto}
     *                             (the default), in memory when the database is an embedded H2 that only this process
     *                             can open, in the database otherwise
     */
    public record Journal(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("200") @Positive int maxEntriesPerAccount,
            @DefaultValue("100") @Positive int maxAccounts,
            @DefaultValue("8192") @Positive int maxBodyBytes,
            @DefaultValue("8192") @Positive int maxHeaderBytes,
            @DefaultValue("12MB") @NotNull DataSize maxBytes,
            @DefaultValue List<@Pattern(regexp = "[!#$%&'*+.^_`|~0-9A-Za-z-]+",
                    message = "must be a header name") String> redactHeaders,
            @DefaultValue("auto") @NotNull Store store) {

        public enum Store {
            AUTO, MEMORY, DATABASE
        }

        /** Whether entries go to the database behind {@code datasourceUrl}, for every instance on it to read. */
        public boolean keptInDatabase(String datasourceUrl) {
            return switch (store) {
                case DATABASE -> true;
                case MEMORY -> false;
                case AUTO -> !DatabaseKind.onlyThisProcessOpens(datasourceUrl);
            };
        }
    }

    /**
     * @param bodyTimeout             how long a request body may take to arrive in full; past it, 408
     * @param maxConcurrentPerAccount requests of one account that may run on server threads at once; past it,
     *                                ngrok's 429 ERR_NGROK_225, so that one account cannot take every thread
     */
    public record Requests(
            @DefaultValue("10s") @NotNull @DurationMin(millis = 1,
                    message = "must be at least 1ms") Duration bodyTimeout,
            @DefaultValue("16") @Min(value = 1, message = "must be at least 1") int maxConcurrentPerAccount) {
    }

    /**
     * @param timeBudget how long one filtered list may read and evaluate rows; past it the list is refused with a 400,
     *                   so a filter that scans a big account cannot hold a request thread for minutes
     */
    public record Filter(
            @DefaultValue("2s") @NotNull @DurationMin(millis = 1,
                    message = "must be at least 1ms") Duration timeBudget) {
    }

    /** @param maxAccounts accounts that may hold a clock setting of their own; a reset frees a place */
    public record Clock(@DefaultValue("10000") @Positive int maxAccounts) {
    }

    /**
     * @param maxBodySize the largest body the import control takes (a 413 past it); ngrok's 1 MiB limit does not apply
     *                    to it, and the body is read as it arrives, in bounded memory, whatever its size
     */
    public record Import(@DefaultValue("1GB") @NotNull DataSize maxBodySize) {
    }

    /**
     * @param maxIngresses ingresses held in all by the in-memory database (the default mode), every account together;
     *                     not applied to the durable and PostgreSQL modes, which keep rows outside the heap
     */
    public record Memory(@DefaultValue("3000") @Positive int maxIngresses) {

        /**
         * What memory mode may keep in the heap of the ingresses GET by ID read and of each account's newest ID, so as
         * not to ask the database again: about 3,000 ingresses of the usual size (docs/limits.md).
         */
        public static final long KEPT_READS_BYTES = 2L * 1024 * 1024;

        /** Whether the datasource is H2 in memory (the default mode), whose rows live in the heap. */
        public static boolean holdsRowsInHeap(String datasourceUrl) {
            return datasourceUrl.startsWith("jdbc:h2:mem:");
        }
    }

    /**
     * @param enabled whether the dashboard is served at {@code /_emulator/ui} (turn it off for a shared deployment
     *                that wants no page)
     */
    public record Ui(@DefaultValue("true") boolean enabled) {
    }
}
