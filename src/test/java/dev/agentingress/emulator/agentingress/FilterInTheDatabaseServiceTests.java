package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.agentingress.emulator.agentingress.filter.DatabaseCondition;
import dev.agentingress.emulator.agentingress.filter.FilterableIngress;
import dev.agentingress.emulator.agentingress.filter.IngressFilter;
import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.config.EmulatorClock;
import dev.agentingress.emulator.support.Unique;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;

/**
 * The part of a filter that the database decides gives CEL's answer on every row: generated expressions of the
 * supported subset over generated rows (awkward text: LIKE's wildcards and escape, quotes, case, non-ASCII, empty),
 * each checked three ways against the CEL runtime over all of the account's rows: the database condition alone (the
 * same rows when it is the whole filter, a superset when CEL judges the rest), and the service's list.
 * <p>
 * The generators are jqwik's (in a session of their own), drawn from a fixed seed ({@code -Dfilter.seed=<n>} for
 * another) because the
 * expressions run against a Spring context that the jqwik engine does not start; a failure names the expression.
 */
@AgentIngressServiceTest
class FilterInTheDatabaseServiceTests {

    private static final long SEED = Long.getLong("filter.seed", 20_261_202L);
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

    private final Random random = new Random(SEED);

    @AfterEach
    void releaseTheClock() {
        clock.reset(account.id());
    }

    @Test
    void theDatabaseAgreesWithCelOnGeneratedFiltersAndRows() {
        // jqwik's generators outside a property need a session on this thread
        JqwikSession.start(String.valueOf(SEED));
        try {
            checkGeneratedFilters();
        } finally {
            JqwikSession.finish();
        }
    }

    private void checkGeneratedFilters() {
        List<AgentIngress> rows = createRows();
        Arbitrary<String> expressions = expression(3, rows);
        int exact = 0;
        int partial = 0;
        for (int i = 0; i < EXPRESSIONS; i++) {
            String expression = expressions.generator(100).next(random).value();
            IngressFilter filter = IngressFilter.compile(expression, clock.fixedFor(account.id()));
            List<String> byCel = rows.stream().filter(row -> filter.matches(filterable(row)))
                    .map(AgentIngress::getId).toList();
            Optional<DatabaseCondition> condition = filter.databaseCondition();
            if (condition.isPresent()) {
                List<String> byDatabase = repository.newestFirstWhere(account.id(), null, condition.get(), ROWS + 1,
                        Duration.ofSeconds(30)).stream().map(AgentIngress::getId).toList();
                if (filter.isDecidedByDatabase()) {
                    exact++;
                    assertThat(byDatabase).as("seed %d: %s as %s", SEED, expression, condition.get())
                            .containsExactlyElementsOf(byCel);
                } else {
                    partial++;
                    assertThat(byDatabase).as("seed %d: %s as %s", SEED, expression, condition.get())
                            .containsAll(byCel);
                }
            }
            List<String> listed = service.list(account, new PageParameters(null, 100, expression)).items().stream()
                    .map(AgentIngress::getId).toList();
            assertThat(listed).as("seed %d: %s", SEED, expression).containsExactlyElementsOf(byCel);
        }
        // the generator reaches all three paths (database only, database then CEL, CEL only)
        assertThat(exact).isGreaterThan(EXPRESSIONS / 3);
        assertThat(partial).isPositive();
        assertThat(exact + partial).isLessThan(EXPRESSIONS);
    }

    /** The account's rows, newest first, created at increasing times (some in the same second). */
    private List<AgentIngress> createRows() {
        Arbitrary<String> text = Arbitraries.of(PIECES).list().ofMaxSize(3).map(pieces -> String.join("", pieces));
        Instant at = FIRST;
        for (int i = 0; i < ROWS; i++) {
            at = at.plusSeconds(random.nextInt(3) == 0 ? 0 : random.nextInt(40 * 86_400));
            clock.freeze(account.id(), at);
            String description = text.generator(100).next(random).value();
            String metadata = text.generator(100).next(random).value();
            service.create(account, new AgentIngressCreate(Unique.domain(random.nextBoolean() ? "a" : "ab"),
                    description, metadata, null));
        }
        // now() and daysAgo(n) read the frozen clock; a fraction of a second makes them fall between stored values
        clock.freeze(account.id(), at.plusSeconds(86_400).plusNanos(500_000_123));
        return repository.newestFirst(account.id(), null, org.springframework.data.domain.Limit.of(ROWS + 1));
    }

    private Arbitrary<String> expression(int depth, List<AgentIngress> rows) {
        if (depth == 0) {
            return atom(rows);
        }
        Arbitrary<String> inner = expression(depth - 1, rows);
        return Arbitraries.frequencyOf(
                Tuple.of(4, atom(rows)),
                Tuple.of(1, inner.map(e -> "!(" + e + ")")),
                Tuple.of(2, Combinators.combine(inner, inner).as((a, b) -> "(" + a + ") && (" + b + ")")),
                Tuple.of(2, Combinators.combine(inner, inner).as((a, b) -> "(" + a + ") || (" + b + ")")));
    }

    private Arbitrary<String> atom(List<AgentIngress> rows) {
        Arbitrary<String> field = Arbitraries.of("obj.description", "obj.metadata", "obj.domain");
        Arbitrary<String> literal = Arbitraries.of(PIECES).list().ofMaxSize(2)
                .map(pieces -> quoted(String.join("", pieces)));
        Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.of(rows).map(AgentIngress::getId),
                Arbitraries.just("agin_32ELHcC7y5A5ZDbW5prn13UplVf"), Arbitraries.just("")).map(this::quoted);
        Arbitrary<String> ordering = Arbitraries.of("<", "<=", ">", ">=", "==", "!=");
        return Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(field, Arbitraries.of("==", "!="), literal)
                        .as((f, op, l) -> f + " " + op + " " + l)),
                Tuple.of(1, Combinators.combine(literal, Arbitraries.of("==", "!="), field)
                        .as((l, op, f) -> l + " " + op + " " + f)),
                Tuple.of(4, Combinators.combine(field, Arbitraries.of("startsWith", "endsWith", "contains"), literal)
                        .as((f, function, l) -> f + "." + function + "(" + l + ")")),
                Tuple.of(2, Combinators.combine(field, literal.list().ofMaxSize(3))
                        .as((f, ls) -> f + " in [" + String.join(", ", ls) + "]")),
                Tuple.of(4, Combinators.combine(ordering, instant(rows))
                        .as((op, t) -> "obj.created_at " + op + " " + t)),
                Tuple.of(2, Combinators.combine(instant(rows), ordering)
                        .as((t, op) -> t + " " + op + " obj.created_at")),
                Tuple.of(2, Combinators.combine(Arbitraries.of("==", "!="), id)
                        .as((op, i) -> "obj.id " + op + " " + i)),
                Tuple.of(1, id.list().ofMaxSize(3).map(ids -> "obj.id in [" + String.join(", ", ids) + "]")),
                Tuple.of(1, Arbitraries.of("true", "false", "obj.description == null", "obj.metadata != null",
                        "obj.domain == null")),
                // what stays with CEL
                Tuple.of(1, Combinators.combine(field, Arbitraries.integers().between(0, 6))
                        .as((f, n) -> "size(" + f + ") > " + n)),
                Tuple.of(1, Combinators.combine(field, Arbitraries.of("<", ">="), literal)
                        .as((f, op, l) -> f + " " + op + " " + l)));
    }

    /** now(), daysAgo(n) or a timestamp literal at, just off or far from a row's creation time. */
    private Arbitrary<String> instant(List<AgentIngress> rows) {
        Arbitrary<Instant> nearARow = Combinators.combine(Arbitraries.of(rows).map(AgentIngress::createdAt),
                Arbitraries.of(0L, 1L, -1L, 500L, -500L, 1_000L, -1_000L, 999_999_999L, -1_000_000_000L))
                .as(Instant::plusNanos);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just("now()")),
                Tuple.of(2, Arbitraries.integers().between(0, 800).map(n -> "daysAgo(" + n + ")")),
                Tuple.of(5, nearARow.map(t -> "timestamp(\"" + t + "\")")),
                Tuple.of(1, nearARow.map(t -> "timestamp(\"" + DateTimeFormatter.ISO_OFFSET_DATE_TIME
                        .format(t.atOffset(ZoneOffset.ofHours(-5))) + "\")")),
                Tuple.of(1, Arbitraries.of("timestamp(\"0001-01-01T00:00:00Z\")",
                        "timestamp(\"9999-12-31T23:59:59.999999999Z\")", "timestamp(\"2014-05-13T16:53:19.5Z\")")));
    }

    private String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static FilterableIngress filterable(AgentIngress row) {
        return new FilterableIngress(row.getId(), row.createdAt(), row.description(), row.metadata(), row.domain());
    }
}
