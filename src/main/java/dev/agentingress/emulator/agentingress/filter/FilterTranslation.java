package dev.agentingress.emulator.agentingress.filter;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.All;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.Any;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.Constant;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.CreatedAt;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.CreatedAt.Comparison;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.Not;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.TextIn;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.TextLike;
import dev.agentingress.emulator.agentingress.filter.DatabaseCondition.TextLike.Position;
import dev.agentingress.emulator.ids.Ksuid;
import dev.cel.common.Operator;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.CelCall;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;

/**
 * Which part of a checked filter the database can decide with exactly CEL's answer, as a {@link DatabaseCondition}.
 * <p>
 * Only what has one meaning in CEL, H2 and PostgreSQL alike is translated: a text field {@code ==}, {@code !=} or
 * {@code in} string literals (equality is exact in both databases, whatever the collation), {@code startsWith},
 * {@code endsWith} and {@code contains} with a literal (a LIKE with its wildcards escaped), {@code created_at} against
 * {@code timestamp("...")}, {@code now()} or {@code daysAgo(n)}, and {@code &&}, {@code ||}, {@code !} and
 * {@code true}/{@code false} over those. Everything else stays with CEL: {@code <} and {@code >} on strings (CEL
 * orders by UTF-16 unit, a collation may not), {@code size()}, a field against another field, comparisons with
 * {@code null} other than the absent description and metadata (already rewritten to {@code ""}). None of the
 * translated conditions can fail to evaluate, so an error of the rest cannot be hidden by translating a part.
 * <p>
 * A filter is a conjunction of its top-level {@code &&} operands: those that translate narrow the rows in the
 * database, and CEL judges the narrowed rows on the whole expression when any operand does not translate (a row that
 * fails one operand fails the whole in CEL too, even where another operand would fail to evaluate).
 */
final class FilterTranslation {

    private static final Map<String, String> TEXT_ATTRIBUTES = Map.of(
            IngressFilter.ID, "id",
            IngressFilter.DESCRIPTION, "description",
            IngressFilter.METADATA, "metadata",
            IngressFilter.DOMAIN, "domain");

    private static final Map<String, Position> TEXT_FUNCTIONS = Map.of(
            "startsWith", Position.START, "endsWith", Position.END, "contains", Position.ANYWHERE);

    private static final Map<String, Comparison> COMPARISONS = Map.of(
            Operator.LESS.getFunction(), Comparison.LESS,
            Operator.LESS_EQUALS.getFunction(), Comparison.LESS_OR_EQUAL,
            Operator.EQUALS.getFunction(), Comparison.EQUAL,
            Operator.GREATER_EQUALS.getFunction(), Comparison.GREATER_OR_EQUAL,
            Operator.GREATER.getFunction(), Comparison.GREATER);

    /*
     * A stored created_at is an ID's second, within the range of KSUIDs; both databases hold it to the microsecond at
     * most. An instant is bound only after it is floored to the microsecond and brought into that range (a second
     * beyond it either way), so the database compares exactly what CEL compares, and never meets a year it would
     * convert through another calendar.
     */
    private static final Instant LOWEST = Ksuid.MIN_TIME.minusSeconds(1);
    private static final Instant HIGHEST = Ksuid.MAX_TIME.plusSeconds(1);

    /**
     * @param condition what the database can decide, or null for nothing
     * @param exact     whether {@code condition} is the whole filter, so that CEL need not see the rows
     */
    record Result(@Nullable DatabaseCondition condition, boolean exact) {
    }

    private final Instant now;

    private FilterTranslation(Instant now) {
        this.now = now;
    }

    /**
     * @param checked the type-checked filter, after {@code == null} on description and metadata became {@code == ""}
     * @param now     the instant of {@code now()} and {@code daysAgo(n)}, as the filter's CEL program has it
     */
    static Result of(CelExpr checked, Instant now) {
        FilterTranslation translation = new FilterTranslation(now);
        List<CelExpr> conjuncts = new ArrayList<>();
        conjuncts(checked, conjuncts);
        List<DatabaseCondition> translated = new ArrayList<>();
        for (CelExpr conjunct : conjuncts) {
            DatabaseCondition condition = translation.translate(conjunct);
            if (condition != null) {
                translated.add(condition);
            }
        }
        boolean exact = translated.size() == conjuncts.size();
        return switch (translated.size()) {
            case 0 -> new Result(null, false);
            case 1 -> new Result(translated.get(0), exact);
            default -> new Result(new All(translated), exact);
        };
    }

    private static void conjuncts(CelExpr expr, List<CelExpr> into) {
        if (isCall(expr, Operator.LOGICAL_AND.getFunction())) {
            expr.call().args().forEach(arg -> conjuncts(arg, into));
        } else {
            into.add(expr);
        }
    }

    private @Nullable DatabaseCondition translate(CelExpr expr) {
        if (expr.getKind() == Kind.CONSTANT && expr.constant().getKind() == CelConstant.Kind.BOOLEAN_VALUE) {
            return new Constant(expr.constant().booleanValue());
        }
        if (expr.getKind() != Kind.CALL) {
            return null;
        }
        CelCall call = expr.call();
        String function = call.function();
        List<CelExpr> args = call.args();
        if (function.equals(Operator.LOGICAL_NOT.getFunction()) && args.size() == 1) {
            DatabaseCondition operand = translate(args.get(0));
            return operand == null ? null : new Not(operand);
        }
        if (function.equals(Operator.LOGICAL_AND.getFunction()) || function.equals(Operator.LOGICAL_OR.getFunction())) {
            return logical(function, args);
        }
        if (call.target().isPresent()) {
            return textFunction(function, call.target().get(), args);
        }
        if (args.size() != 2) {
            return null;
        }
        if (function.equals(Operator.IN.getFunction())) {
            return textIn(args.get(0), args.get(1));
        }
        if (function.equals(Operator.NOT_EQUALS.getFunction())) {
            DatabaseCondition equal = equality(args.get(0), args.get(1));
            return equal == null ? null : not(equal);
        }
        if (function.equals(Operator.EQUALS.getFunction())) {
            DatabaseCondition equal = equality(args.get(0), args.get(1));
            if (equal != null) {
                return equal;
            }
        }
        Comparison comparison = COMPARISONS.get(function);
        return comparison == null ? null : createdAt(comparison, args.get(0), args.get(1));
    }

    private @Nullable DatabaseCondition logical(String function, List<CelExpr> args) {
        List<DatabaseCondition> operands = new ArrayList<>(args.size());
        for (CelExpr arg : args) {
            DatabaseCondition operand = translate(arg);
            if (operand == null) {
                return null;
            }
            operands.add(operand);
        }
        return function.equals(Operator.LOGICAL_AND.getFunction()) ? new All(operands) : new Any(operands);
    }

    private static @Nullable DatabaseCondition textFunction(String function, CelExpr target, List<CelExpr> args) {
        Position position = TEXT_FUNCTIONS.get(function);
        String attribute = textAttribute(target);
        if (position == null || attribute == null || args.size() != 1) {
            return null;
        }
        String value = stringLiteral(args.get(0));
        return value == null ? null : new TextLike(attribute, position, value);
    }

    private static @Nullable DatabaseCondition textIn(CelExpr field, CelExpr list) {
        String attribute = textAttribute(field);
        if (attribute == null || list.getKind() != Kind.LIST || !list.list().optionalIndices().isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (CelExpr element : list.list().elements()) {
            String value = stringLiteral(element);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return new TextIn(attribute, values);
    }

    private @Nullable DatabaseCondition equality(CelExpr left, CelExpr right) {
        String attribute = textAttribute(left);
        String value = stringLiteral(right);
        if (attribute == null || value == null) {
            attribute = textAttribute(right);
            value = stringLiteral(left);
        }
        if (attribute != null && value != null) {
            return new TextIn(attribute, List.of(value));
        }
        return createdAt(Comparison.EQUAL, left, right);
    }

    /** {@code created_at <op> instant} or {@code instant <op> created_at}. */
    private @Nullable DatabaseCondition createdAt(Comparison comparison, CelExpr left, CelExpr right) {
        if (isField(left, IngressFilter.CREATED_AT)) {
            Instant instant = instant(right);
            return instant == null ? null : createdAt(comparison, instant);
        }
        if (isField(right, IngressFilter.CREATED_AT)) {
            Instant instant = instant(left);
            return instant == null ? null : createdAt(mirrored(comparison), instant);
        }
        return null;
    }

    private static Comparison mirrored(Comparison comparison) {
        return switch (comparison) {
            case LESS -> Comparison.GREATER;
            case LESS_OR_EQUAL -> Comparison.GREATER_OR_EQUAL;
            case EQUAL -> Comparison.EQUAL;
            case GREATER_OR_EQUAL -> Comparison.LESS_OR_EQUAL;
            case GREATER -> Comparison.LESS;
        };
    }

    /**
     * The comparison of a stored created_at (whole microseconds, within {@code [LOWEST, HIGHEST]}) with any instant,
     * rewritten against a bound the column holds exactly: between two microseconds, {@code x < t} is
     * {@code x <= floor(t)} and {@code x >= t} is {@code x > floor(t)}, and nothing equals {@code t}.
     */
    static DatabaseCondition createdAt(Comparison comparison, Instant instant) {
        Instant bound = instant.truncatedTo(ChronoUnit.MICROS);
        boolean exact = bound.equals(instant);
        if (bound.isBefore(LOWEST) || bound.isAfter(HIGHEST)) {
            // every stored value is on the same side of this bound as of the instant, and none equals either
            bound = bound.isBefore(LOWEST) ? LOWEST : HIGHEST;
            exact = true;
        }
        if (exact) {
            return new CreatedAt(comparison, bound);
        }
        return switch (comparison) {
            case LESS, LESS_OR_EQUAL -> new CreatedAt(Comparison.LESS_OR_EQUAL, bound);
            case GREATER, GREATER_OR_EQUAL -> new CreatedAt(Comparison.GREATER, bound);
            case EQUAL -> new Constant(false);
        };
    }

    private static DatabaseCondition not(DatabaseCondition condition) {
        return condition instanceof Constant constant ? new Constant(!constant.value()) : new Not(condition);
    }

    /** The instant of {@code timestamp("...")}, {@code now()} or {@code daysAgo(n)}; null for anything else. */
    private @Nullable Instant instant(CelExpr expr) {
        if (expr.getKind() != Kind.CALL || expr.call().target().isPresent()) {
            return null;
        }
        CelCall call = expr.call();
        if (call.function().equals(IngressFilter.NOW) && call.args().isEmpty()) {
            return now;
        }
        if (call.args().size() != 1 || call.args().get(0).getKind() != Kind.CONSTANT) {
            return null;
        }
        CelConstant argument = call.args().get(0).constant();
        if (call.function().equals(IngressFilter.TIMESTAMP) && argument.getKind() == CelConstant.Kind.STRING_VALUE) {
            return IngressFilter.timestamp(argument.stringValue());
        }
        if (call.function().equals(IngressFilter.DAYS_AGO) && argument.getKind() == CelConstant.Kind.INT64_VALUE) {
            return IngressFilter.daysAgo(now, argument.int64Value());
        }
        return null;
    }

    private static @Nullable String textAttribute(CelExpr expr) {
        if (expr.getKind() != Kind.SELECT || !isObj(expr.select().operand())) {
            return null;
        }
        return TEXT_ATTRIBUTES.get(expr.select().field());
    }

    private static boolean isField(CelExpr expr, String field) {
        return expr.getKind() == Kind.SELECT && isObj(expr.select().operand()) && expr.select().field().equals(field);
    }

    private static boolean isObj(CelExpr expr) {
        return expr.getKind() == Kind.IDENT && expr.ident().name().equals(IngressFilter.VARIABLE);
    }

    private static @Nullable String stringLiteral(CelExpr expr) {
        return expr.getKind() == Kind.CONSTANT && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE
                ? expr.constant().stringValue() : null;
    }

    private static boolean isCall(CelExpr expr, String function) {
        return expr.getKind() == Kind.CALL && expr.call().function().equals(function);
    }
}
