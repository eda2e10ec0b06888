package dev.agentingress.emulator.agentingress.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.All;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.Constant;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.CreatedAt;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.CreatedAt.Comparison;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.Not;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.TextIn;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.TextLike;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.TextLike.Position;
import dev.agentingress.emulator.ids.Ksuid;

/**
 * Which filters the database decides, wholly or in part, and the conditions they become. That the database then
 * answers as CEL does, row by row, is FilterInTheDatabaseServiceTests'.
 */
class FilterTranslationTests {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00.123456789Z");

    @ParameterizedTest
    @ValueSource(strings = {
            "obj.description == \"x\"",
            "\"x\" != obj.metadata",
            "obj.domain.startsWith(\"a%\") || obj.domain.endsWith(\"_b\")",
            "!obj.metadata.contains(\"\\\\\")",
            "obj.id in [\"agin_1\", \"agin_2\"]",
            "obj.description in []",
            "obj.created_at < daysAgo(7) && obj.created_at >= timestamp(\"2025-01-01T00:00:00Z\")",
            "now() > obj.created_at",
            "obj.description == null",
            "true && !false"})
    void theWholeFilterGoesToTheDatabase(String expression) {
        IngressFilter filter = compile(expression);

        assertThat(filter.databaseCondition()).isPresent();
        assertThat(filter.isDecidedByDatabase()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "size(obj.description) > 2",
            "obj.description < \"b\"",
            "obj.domain == null",
            "obj.description == \"x\" || size(obj.metadata) == 0",
            "!(obj.metadata >= \"a\")",
            "\"abc\".contains(obj.description)"})
    void whatTheDatabaseCannotDecideExactlyStaysWithCel(String expression) {
        IngressFilter filter = compile(expression);

        assertThat(filter.databaseCondition()).isEmpty();
        assertThat(filter.isDecidedByDatabase()).isFalse();
    }

    @Test
    void theTranslatablePartOfAConjunctionNarrowsTheRowsForCel() {
        IngressFilter filter =
                compile("obj.description == \"x\" && size(obj.metadata) > 1 && obj.domain.endsWith(\".c\")");

        assertThat(filter.databaseCondition()).contains(new All(List.of(new TextIn("description", List.of("x")),
                new TextLike("domain", Position.END, ".c"))));
        assertThat(filter.isDecidedByDatabase()).isFalse();
    }

    @Test
    void absentDescriptionEqualsNullAsEmpty() {
        assertThat(compile("obj.description != null").databaseCondition())
                .contains(new Not(new TextIn("description", List.of(""))));
    }

    @Test
    void likeWildcardsAndTheEscapeMatchOnlyThemselves() {
        assertThat(TextLike.escaped("50%_off\\now")).isEqualTo("50\\%\\_off\\\\now");
        assertThat(TextLike.escaped("")).isEmpty();
    }

    @Test
    void nowAndDaysAgoAreTheFiltersInstantBoundAtTheMicrosecond() {
        Instant floor = Instant.parse("2025-06-15T12:00:00.123456Z");

        // between two microseconds: < t is <= floor(t), > t is > floor(t), and nothing equals t
        assertThat(compile("obj.created_at < now()").databaseCondition())
                .contains(new CreatedAt(Comparison.LESS_OR_EQUAL, floor));
        assertThat(compile("obj.created_at >= now()").databaseCondition())
                .contains(new CreatedAt(Comparison.GREATER, floor));
        assertThat(compile("obj.created_at == now()").databaseCondition()).contains(new Constant(false));
        assertThat(compile("obj.created_at != now()").databaseCondition()).contains(new Constant(true));
        assertThat(compile("now() <= obj.created_at").databaseCondition())
                .contains(new CreatedAt(Comparison.GREATER, floor));
        assertThat(compile("obj.created_at > daysAgo(1)").databaseCondition())
                .contains(new CreatedAt(Comparison.GREATER, floor.minusSeconds(86_400)));
    }

    @Test
    void aWholeMicrosecondIsBoundAsItIs() {
        assertThat(compile("obj.created_at < timestamp(\"2025-01-01T00:00:00.000001+01:00\")").databaseCondition())
                .contains(new CreatedAt(Comparison.LESS, Instant.parse("2024-12-31T23:00:00.000001Z")));
    }

    @Test
    void instantsBeyondTheRangeOfIdsAreBoundJustOutsideIt() {
        assertThat(compile("obj.created_at > timestamp(\"0001-01-01T00:00:00Z\")").databaseCondition())
                .contains(new CreatedAt(Comparison.GREATER, Ksuid.MIN_TIME.minusSeconds(1)));
        assertThat(compile("obj.created_at == timestamp(\"9999-12-31T23:59:59.999999999Z\")").databaseCondition())
                .contains(new CreatedAt(Comparison.EQUAL, Ksuid.MAX_TIME.plusSeconds(1)));
    }

    private static IngressFilter compile(String expression) {
        return IngressFilter.compile(expression, Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
