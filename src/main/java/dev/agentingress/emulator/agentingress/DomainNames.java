package dev.agentingress.emulator.agentingress;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.hibernate.exception.ConstraintViolationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;

import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.api.error.NgrokException;

/**
 * ngrok's rules for an agent ingress domain: normalised as ngrok does (whitespace trimmed, lower-cased, one trailing
 * dot dropped; control characters and non-ASCII refused), then a public DNS name of at least two labels
 * (ERR_NGROK_6704) that ngrok does not own (6705).
 */
final class DomainNames {

    private static final int MAX_NAME_LENGTH = 253;
    private static final String UNIQUE_INDEX = "agent_ingresses_domain_key";
    /** What Go's {@code strings.TrimSpace} trims in ASCII: space, tab, LF, VT, FF, CR. */
    private static final String ASCII_WHITESPACE = " \t\n\u000B\f\r";
    private static final int MAX_LABEL_LENGTH = 63;
    private static final List<String> NGROK_OWNED = List.of("ngrok.app", "ngrok.dev", "ngrok.pizza", "ngrok-free.app",
            "ngrok-free.dev", "ngrok-free.pizza", "ngrok.io", "ngrok.com", "ngrok-agent.com");
    /**
     * Special-use and private top-level names (RFC 6761, RFC 6762, RFC 7686, ICANN's .internal), not reachable
     * publicly.
     */
    private static final Set<String> NON_PUBLIC_TLDS =
            Set.of("local", "localhost", "localdomain", "internal", "invalid",
                    "test", "example", "onion", "lan", "home", "corp", "intranet", "private", "arpa");

    private DomainNames() {
    }

    /**
     * Trims whitespace as ngrok does (Go's {@code strings.TrimSpace}), lower-cases, drops one trailing dot. Any other
     * character outside printable ASCII is refused here rather than trimmed or folded: {@link String#trim()} would drop
     * a NUL silently, and lower-casing would turn U+212A KELVIN SIGN into an ASCII {@code k}.
     */
    static String normalise(String domain) {
        String trimmed = trimWhitespace(domain);
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < ' ' || c > '~') {
                throw invalid(trimmed);
            }
        }
        String normalised = trimmed.toLowerCase(Locale.ROOT);
        return normalised.endsWith(".") ? normalised.substring(0, normalised.length() - 1) : normalised;
    }

    private static String trimWhitespace(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && ASCII_WHITESPACE.indexOf(value.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && ASCII_WHITESPACE.indexOf(value.charAt(end - 1)) >= 0) {
            end--;
        }
        return value.substring(start, end);
    }

    /** Checks an already normalised domain. */
    static void check(String domain) {
        if (!isValidPublicName(domain)) {
            throw invalid(domain);
        }
        for (String owned : NGROK_OWNED) {
            if (domain.equals(owned) || domain.endsWith("." + owned)) {
                throw NgrokErrors.bad(HttpStatus.BAD_REQUEST, 6705, "The agent ingress domain \"" + domain
                        + "\" must be a third party domain, you may not enter a domain controlled by ngrok.");
            }
        }
    }

    static NgrokException invalid(String domain) {
        return NgrokErrors.bad(HttpStatus.BAD_REQUEST, 6704, "The specified domain \"" + domain
                + "\" is not a valid domain name. Enter a valid DNS name.");
    }

    /**
     * Whether a failed insert hit the domain's unique index (V1__create_agent_ingresses.sql), the one failure that
     * means "taken"; any other (a value too long, a key already used) is not the caller's domain's fault.
     */
    static boolean isTaken(DataIntegrityViolationException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation && violation.getConstraintName() != null
                    && violation.getConstraintName().toLowerCase(Locale.ROOT).contains(UNIQUE_INDEX)) {
                return true;
            }
        }
        return false;
    }

    static NgrokException taken(String domain) {
        return NgrokErrors.bad(HttpStatus.BAD_REQUEST, 6706, "The agent ingress domain \"" + domain
                + "\" already exists, choose another domain.");
    }

    private static boolean isValidPublicName(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_NAME_LENGTH) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!isValidLabel(label)) {
                return false;
            }
        }
        String tld = labels[labels.length - 1];
        return !NON_PUBLIC_TLDS.contains(tld) && !tld.chars().allMatch(Character::isDigit);
    }

    private static boolean isValidLabel(String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            boolean edge = i == 0 || i == label.length() - 1;
            if (!alphanumeric && (c != '-' || edge)) {
                return false;
            }
        }
        // "ab--" is reserved for encodings; only punycode's "xn--" may use it
        return !(label.length() >= 4 && label.startsWith("--", 2) && !label.startsWith("xn--"));
    }
}
