package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

import dev.agentingress.emulator.agentingress.filter.DatabaseCondition;
import dev.agentingress.emulator.agentingress.filter.FilterableIngress;
import dev.agentingress.emulator.agentingress.filter.IngressFilter;
import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.config.EmulatorClock;
import dev.agentingress.emulator.support.Generated;
import dev.agentingress.emulator.support.Unique;

/**
 * The part of a filter that the database decides gives CEL's answer on every row: generated expressions of the
 * supported subset over generated rows (awkward text: LIKE's wildcards and escape, quotes, case, non-ASCII, empty),
 * each checked three ways against the CEL runtime over all of the account's rows: the database condition alone (the
 * same rows when it is the whole filter, a superset when CEL judges the rest), and the service's list.
 * <p>
 * Each run draws its rows and expressions from a fresh seed ({@link Generated}); a failure names its seed and the
 * expression.
 */
@AgentIngressServiceTest
class FilterInTheDatabaseServiceTests {

    private static final int ROWS = 60;
    private static final int EXPRESSIONS = 400;
    private static final Instant FIRST = Instant.parse("2024-02-29T23:59:58Z");

    /** Pieces of the generated texts and literals: each is in some rows and some literals. */
    private static final List<String> PIECES = List.of("", "a", "A", "ab", "x", "%", "_", "\\", "'", "\"", " ",
            "é", "É", "ß", "€", "\uD83D\uDE00", "日本", "a%", "_b", "\\%", ".acme-test.com");

    @Autowired
    private AgentIngressService service;

    @Autowired
    private AgentIngressRepository repository;

    @Autowired
    private EmulatorClock clock;

    private final Account account = Unique.account();

    @AfterEach
    void releaseTheClock() {
        clock.reset(account.id());
    }

    @TestFactory
    Stream<DynamicTest> theDatabaseAgreesWithCelOnGeneratedFiltersAndRows() {
        return Generated.tries(1, this::checkGeneratedFilters);
    }

    private void checkGeneratedFilters(Generated any) {
        List<AgentIngress> rows = createRows(any);
        int exact = 0;
        int partial = 0;
        for (int i = 0; i < EXPRESSIONS; i++) {
            String expression = expression(any, 3, rows);
            IngressFilter filter = IngressFilter.compile(expression, clock.fixedFor(account.id()));
            List<String> byCel = rows.stream().filter(row -> filter.matches(filterable(row)))
                    .map(AgentIngress::getId).toList();
            Optional<DatabaseCondition> condition = filter.databaseCondition();
            if (condition.isPresent()) {
                List<String> byDatabase = repository.newestFirstWhere(account.id(), null, condition.get(), ROWS + 1,
                        Duration.ofSeconds(30)).stream().map(AgentIngress::getId).toList();
                if (filter.isDecidedByDatabase()) {
                    exact++;
                    assertThat(byDatabase).as("%s as %s", expression, condition.get())
                            .containsExactlyElementsOf(byCel);
                } else {
                    partial++;
                    assertThat(byDatabase).as("%s as %s", expression, condition.get())
                            .containsAll(byCel);
                }
            }
            List<String> listed = service.list(account, new PageParameters(null, 100, expression)).items().stream()
                    .map(AgentIngress::getId).toList();
            assertThat(listed).as(expression).containsExactlyElementsOf(byCel);
        }
        // the generator reaches all three paths (database only, database then CEL, CEL only)
        assertThat(exact).isGreaterThan(EXPRESSIONS / 3);
        assertThat(partial).isPositive();
        assertThat(exact + partial).isLessThan(EXPRESSIONS);
    }

    /** The account's rows, newest first, created at increasing times (some in the same second). */
    private List<AgentIngress> createRows(Generated any) {
        Instant at = FIRST;
        for (int i = 0; i < ROWS; i++) {
            at = at.plusSeconds(any.between(0, 2) == 0 ? 0 : any.between(0, 40 * 86_400 - 1));
            clock.freeze(account.id(), at);
            service.create(account, new AgentIngressCreate(Unique.domain(any.oneOf("a", "ab")), text(any, 3),
                    text(any, 3), null));
        }
        // now() and daysAgo(n) read the frozen clock; a fraction of a second makes them fall between stored values
        clock.freeze(account.id(), at.plusSeconds(86_400).plusNanos(500_000_123));
        return repository.newestFirst(account.id(), null, org.springframework.data.domain.Limit.of(ROWS + 1));
    }

    /** Up to {@code maxPieces} of the {@link #PIECES}, joined. */
    private static String text(Generated any, int maxPieces) {
        return String.join("", any.listOf(0, maxPieces, () -> any.oneOf(PIECES)));
    }

    private String expression(Generated any, int depth, List<AgentIngress> rows) {
        if (depth == 0) {
            return atom(any, rows);
        }
        return any.frequency(
                Generated.weighted(4, () -> atom(any, rows)),
                Generated.weighted(1, () -> "!(" + expression(any, depth - 1, rows) + ")"),
                Generated.weighted(2, () -> "(" + expression(any, depth - 1, rows) + ") && ("
                        + expression(any, depth - 1, rows) + ")"),
                Generated.weighted(2, () -> "(" + expression(any, depth - 1, rows) + ") || ("
                        + expression(any, depth - 1, rows) + ")"));
    }

    private String atom(Generated any, List<AgentIngress> rows) {
        String field = any.oneOf("obj.description", "obj.metadata", "obj.domain");
        return any.frequency(
                Generated.weighted(3, () -> field + " " + any.oneOf("==", "!=") + " " + literal(any)),
                Generated.weighted(1, () -> literal(any) + " " + any.oneOf("==", "!=") + " " + field),
                Generated.weighted(4, () -> field + "." + any.oneOf("startsWith", "endsWith", "contains") + "("
                        + literal(any) + ")"),
                Generated.weighted(2, () -> field + " in [" + String.join(", ", any.listOf(0, 3, () -> literal(any)))
                        + "]"),
                Generated.weighted(4, () -> "obj.created_at " + ordering(any) + " " + instant(any, rows)),
                Generated.weighted(2, () -> instant(any, rows) + " " + ordering(any) + " obj.created_at"),
                Generated.weighted(2, () -> "obj.id " + any.oneOf("==", "!=") + " " + id(any, rows)),
                Generated.weighted(1, () -> "obj.id in [" + String.join(", ", any.listOf(0, 3, () -> id(any, rows)))
                        + "]"),
                Generated.weighted(1, () -> any.oneOf("true", "false", "obj.description == null",
                        "obj.metadata != null", "obj.domain == null")),
                // what stays with CEL
                Generated.weighted(1, () -> "size(" + field + ") > " + any.between(0, 6)),
                Generated.weighted(1, () -> field + " " + any.oneOf("<", ">=") + " " + literal(any)));
    }

    private String literal(Generated any) {
        return quoted(text(any, 2));
    }

    private String id(Generated any, List<AgentIngress> rows) {
        return quoted(any.frequency(Generated.weighted(1, () -> any.oneOf(rows).getId()),
                Generated.weighted(1, () -> "agin_32ELHcC7y5A5ZDbW5prn13UplVf"), Generated.weighted(1, () -> "")));
    }

    private static String ordering(Generated any) {
        return any.oneOf("<", "<=", ">", ">=", "==", "!=");
    }

    /** now(), daysAgo(n) or a timestamp literal at, just off or far from a row's creation time. */
    private static String instant(Generated any, List<AgentIngress> rows) {
        Supplier<Instant> nearARow = () -> any.oneOf(rows).createdAt().plusNanos(
                any.oneOf(0L, 1L, -1L, 500L, -500L, 1_000L, -1_000L, 999_999_999L, -1_000_000_000L));
        return any.frequency(
                Generated.weighted(1, () -> "now()"),
                Generated.weighted(2, () -> "daysAgo(" + any.between(0, 800) + ")"),
                Generated.weighted(5, () -> "timestamp(\"" + nearARow.get() + "\")"),
                Generated.weighted(1, () -> "timestamp(\"" + DateTimeFormatter.ISO_OFFSET_DATE_TIME
                        .format(nearARow.get().atOffset(ZoneOffset.ofHours(-5))) + "\")"),
                Generated.weighted(1, () -> any.oneOf("timestamp(\"0001-01-01T00:00:00Z\")",
                        "timestamp(\"9999-12-31T23:59:59.999999999Z\")", "timestamp(\"2014-05-13T16:53:19.5Z\")")));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static FilterableIngress filterable(AgentIngress row) {
        return new FilterableIngress(row.getId(), row.createdAt(), row.description(), row.metadata(), row.domain());
    }
}
