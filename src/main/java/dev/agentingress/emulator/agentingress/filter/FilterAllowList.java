package dev.agentingress.emulator.agentingress.filter;

import java.util.Set;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.Operator;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.CelCall;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.navigation.TraversalOrder;
import dev.cel.parser.CelStandardMacro;

/**
 * What a filter may use, checked on the parsed expression, before type-checking: the fields of {@code obj},
 * literals, lists, and the operators and functions of ngrok's API filtering, by name. Anything else (index
 * access, arithmetic, the conditional, conversions, regexes, macros, other functions...) is rejected.
 */
final class FilterAllowList {

    private static final Set<String> FUNCTIONS = Set.of(
            Operator.LOGICAL_NOT.getFunction(),
            Operator.LOGICAL_AND.getFunction(),
            Operator.LOGICAL_OR.getFunction(),
            Operator.LESS.getFunction(),
            Operator.LESS_EQUALS.getFunction(),
            Operator.EQUALS.getFunction(),
            Operator.NOT_EQUALS.getFunction(),
            Operator.GREATER_EQUALS.getFunction(),
            Operator.GREATER.getFunction(),
            Operator.IN.getFunction(),
            "startsWith", "contains", "endsWith", "size",
            IngressFilter.TIMESTAMP, IngressFilter.NOW, IngressFilter.DAYS_AGO);

    // An ID is opaque: it is only ever compared whole.
    private static final Set<String> ID_OPERATORS = Set.of(
            Operator.EQUALS.getFunction(), Operator.NOT_EQUALS.getFunction(), Operator.IN.getFunction());

    private FilterAllowList() {
    }

    /** @throws InvalidFilterException naming the first node of {@code parsed} that is not allowed */
    static void check(CelAbstractSyntaxTree parsed) {
        // Pre-order, so that the outermost offence is the one reported.
        CelNavigableAst.fromAst(parsed).getRoot().allNodes(TraversalOrder.PRE_ORDER)
                .forEach(FilterAllowList::check);
    }

    private static void check(CelNavigableExpr node) {
        CelExpr expr = node.expr();
        switch (expr.getKind()) {
            case CONSTANT, LIST -> {
            }
            case IDENT -> checkIdent(node);
            case SELECT -> checkSelect(node);
            case CALL -> checkCall(expr.call());
            case MAP -> reject("map literals are not supported");
            case STRUCT -> reject("message literals are not supported");
            case COMPREHENSION -> reject("macros are not supported");
            default -> reject("unsupported expression");
        }
    }

    private static void checkIdent(CelNavigableExpr node) {
        String name = node.expr().ident().name();
        if (!name.equals(IngressFilter.VARIABLE)) {
            reject("unknown variable '" + name + "'");
        }
        if (node.parent().filter(parent -> parent.getKind() == Kind.SELECT).isEmpty()) {
            reject("'obj' can only be used through its fields, e.g. obj.id");
        }
    }

    private static void checkSelect(CelNavigableExpr node) {
        CelExpr.CelSelect select = node.expr().select();
        CelExpr operand = select.operand();
        if (operand.getKind() == Kind.IDENT && !operand.ident().name().equals(IngressFilter.VARIABLE)) {
            return; // reported as an unknown variable when the walk reaches the operand
        }
        if (!isObj(operand) || !IngressFilter.FIELDS.containsKey(select.field())) {
            reject("field '" + path(node.expr()) + "' is not filterable");
        }
        if (select.field().equals(IngressFilter.ID) && !isComparedWhole(node)) {
            reject("obj.id can only be compared with ==, != or in");
        }
    }

    private static boolean isComparedWhole(CelNavigableExpr id) {
        return id.parent()
                .filter(parent -> parent.getKind() == Kind.CALL)
                .map(parent -> parent.expr().call())
                .filter(call -> ID_OPERATORS.contains(call.function()))
                // `obj.id in [...]`, not `"x" in [obj.id]`
                .filter(call -> !call.function().equals(Operator.IN.getFunction())
                        || call.args().get(0).id() == id.id())
                .isPresent();
    }

    private static void checkCall(CelCall call) {
        String function = call.function();
        if (!FUNCTIONS.contains(function)) {
            reject(describe(function) + " is not supported");
        }
        if (function.equals(IngressFilter.TIMESTAMP) && !isLiteralCall(call, CelConstant.Kind.STRING_VALUE)) {
            reject("timestamp() only accepts a string literal, e.g. timestamp(\"2025-01-01T00:00:00Z\")");
        }
        if (function.equals(IngressFilter.DAYS_AGO) && !isLiteralCall(call, CelConstant.Kind.INT64_VALUE)) {
            reject("daysAgo() only accepts an integer literal, e.g. daysAgo(7)");
        }
    }

    private static boolean isLiteralCall(CelCall call, CelConstant.Kind kind) {
        return call.target().isEmpty() && call.args().size() == 1
                && call.args().get(0).getKind() == Kind.CONSTANT
                && call.args().get(0).constant().getKind() == kind;
    }

    private static boolean isObj(CelExpr expr) {
        return expr.getKind() == Kind.IDENT && expr.ident().name().equals(IngressFilter.VARIABLE);
    }

    private static String path(CelExpr expr) {
        return switch (expr.getKind()) {
            case IDENT -> expr.ident().name();
            case SELECT -> path(expr.select().operand()) + "." + expr.select().field();
            default -> "(...)";
        };
    }

    private static String describe(String function) {
        if (function.equals(Operator.INDEX.getFunction()) || function.equals(Operator.OPTIONAL_INDEX.getFunction())) {
            return "index access";
        }
        if (function.equals(Operator.CONDITIONAL.getFunction())) {
            return "the conditional operator '?:'";
        }
        if (CelStandardMacro.STANDARD_MACROS.stream().anyMatch(macro -> macro.getFunction().equals(function))) {
            return "macro '" + function + "'";
        }
        return Operator.lookupBinaryOperator(function)
                .or(() -> Operator.lookupUnaryOperator(function))
                .map(symbol -> "operator '" + symbol + "'")
                .orElse("function '" + function + "'");
    }

    private static void reject(String detail) {
        throw new InvalidFilterException(detail);
    }
}
