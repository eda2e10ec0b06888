package dev.agentingress.emulator.agentingress.filter;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.Operator;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelMutableExpr;
import dev.cel.common.ast.CelMutableExprConverter;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableMutableExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.NullableType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelLateFunctionBindings;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * A compiled {@code filter} of a list endpoint: a boolean CEL expression over one ingress, {@code obj}.
 * <p>
 * {@link #compile} parses the expression, walks it against {@link FilterAllowList}, type-checks it and
 * validates its literals, so that {@link #matches} has nothing left to reject. An evaluation error at match
 * time would still be a fault of the expression, not of the row, so it is thrown as an
 * {@link InvalidFilterException} rather than silently hiding the row.
 */
public final class IngressFilter {

    static final String VARIABLE = "obj";
    static final String ID = "id";
    static final String CREATED_AT = "created_at";
    static final String DESCRIPTION = "description";
    static final String METADATA = "metadata";
    static final String DOMAIN = "domain";
    static final String TIMESTAMP = "timestamp";
    static final String NOW = "now";
    static final String DAYS_AGO = "daysAgo";

    // Strings are declared nullable (google.protobuf.StringValue) so that `obj.domain == null` type-checks
    // (and is false: the value is always there).
    private static final CelType NULLABLE_STRING = NullableType.create(SimpleType.STRING);

    static final ImmutableMap<String, CelType> FIELDS = ImmutableMap.of(
            ID, NULLABLE_STRING,
            CREATED_AT, SimpleType.TIMESTAMP,
            DESCRIPTION, NULLABLE_STRING,
            METADATA, NULLABLE_STRING,
            DOMAIN, NULLABLE_STRING);

    private static final StructType INGRESS_TYPE = StructType.create("AgentIngress", FIELDS.keySet(),
            field -> Optional.ofNullable(FIELDS.get(field)));

    private static final String NOW_OVERLOAD = "now";
    private static final String DAYS_AGO_OVERLOAD = "days_ago_int";

    // No macros (has, all, exists, map, filter...) are registered, so they parse as plain calls, which the
    // allow-list rejects by name.
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setTypeProvider(new SingleTypeProvider(INGRESS_TYPE))
            .addVar(VARIABLE, INGRESS_TYPE)
            .addFunctionDeclarations(
                    CelFunctionDecl.newFunctionDeclaration(NOW,
                            CelOverloadDecl.newGlobalOverload(NOW_OVERLOAD, SimpleType.TIMESTAMP)),
                    CelFunctionDecl.newFunctionDeclaration(DAYS_AGO,
                            CelOverloadDecl.newGlobalOverload(DAYS_AGO_OVERLOAD, SimpleType.TIMESTAMP,
                                    SimpleType.INT)))
            .build();

    // now() and daysAgo() are bound per filter, at evaluation, to the filter's clock.
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    // CEL's own conversion, so a literal accepted here is one that cannot fail at match time.
    private static final CelRuntime.Program STRING_TO_TIMESTAMP = timestampProgram();

    // The range of CEL timestamps.
    private static final Instant MIN_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final Set<String> EQUALITY = Set.of(Operator.EQUALS.getFunction(),
            Operator.NOT_EQUALS.getFunction());

    private static final Set<String> ABSENT_AS_EMPTY = Set.of(DESCRIPTION, METADATA);

    /*
     * Parsing and type-checking cost more than the query itself when the database finds the rows: the checked
     * expressions of recent filters are kept (a test or a page loop sends the same filter again and again), at most
     * MAX_COMPILED of them, forgotten all at once when full. Each is at most FilterBounds.MAX_LENGTH characters.
     */
    private static final int MAX_COMPILED = 256;
    private static final Map<String, Compiled> COMPILED = new ConcurrentHashMap<>();

    private final CelRuntime.Program program;
    private final CelLateFunctionBindings clockFunctions;
    private final FilterTranslation.Result translation;

    private IngressFilter(CelRuntime.Program program, CelLateFunctionBindings clockFunctions,
            FilterTranslation.Result translation) {
        this.program = program;
        this.clockFunctions = clockFunctions;
        this.translation = translation;
    }

    /**
     * Compiles and checks {@code expression}.
     *
     * @param clock the source of {@code now()} and {@code daysAgo(n)}, read once here so that every row of
     *              one listing is judged against the same instant
     * @throws InvalidFilterException when the expression is invalid, not supported, or over {@link FilterBounds}
     */
    public static IngressFilter compile(String expression, Clock clock) {
        Compiled compiled = COMPILED.get(expression);
        if (compiled == null) {
            compiled = checked(expression);
            if (COMPILED.size() >= MAX_COMPILED) {
                COMPILED.clear();
            }
            COMPILED.put(expression, compiled);
        }
        // after the checks of the expression, as before caching: a daysAgo(n) in range depends on now
        Instant now = clock.instant();
        checkLiterals(compiled.checked(), now);
        return new IngressFilter(compiled.program(), CelLateFunctionBindings.from(
                CelFunctionBinding.from(NOW_OVERLOAD, List.of(), args -> now),
                CelFunctionBinding.from(DAYS_AGO_OVERLOAD, Long.class, days -> daysAgo(now, days))),
                FilterTranslation.of(compiled.checked().getExpr(), now));
    }

    /** Everything about {@code expression} that does not depend on the clock; only a valid expression gets here. */
    private static Compiled checked(String expression) {
        FilterBounds.check(expression);
        CelAbstractSyntaxTree parsed = astOf(COMPILER.parse(expression));
        FilterAllowList.check(parsed);
        CelAbstractSyntaxTree checked = astOf(COMPILER.check(absentEqualsNull(parsed)));
        if (!checked.getResultType().equals(SimpleType.BOOL)) {
            throw new InvalidFilterException("expression must evaluate to a boolean");
        }
        try {
            return new Compiled(checked, RUNTIME.createProgram(checked));
        } catch (CelEvaluationException ex) {
            throw new IllegalStateException("Cannot plan a checked filter: " + expression, ex);
        }
    }

    /** A checked expression and its program, which is immutable and takes the clock's functions per evaluation. */
    private record Compiled(CelAbstractSyntaxTree checked, CelRuntime.Program program) {
    }

    /**
     * The part of this filter that the database decides with the same answer as {@link #matches}: the rows it leaves
     * out are rows that {@link #matches} rejects. Empty when no part can be.
     */
    public Optional<DatabaseCondition> databaseCondition() {
        return Optional.ofNullable(translation.condition());
    }

    /** Whether {@link #databaseCondition()} is the whole filter: every row it keeps {@link #matches}. */
    public boolean isDecidedByDatabase() {
        return translation.exact();
    }

    /**
     * @throws InvalidFilterException if the expression fails to evaluate (which checking should prevent)
     */
    public boolean matches(FilterableIngress ingress) {
        Map<String, Object> obj = Map.of(
                ID, ingress.id(),
                CREATED_AT, ingress.createdAt(),
                DESCRIPTION, ingress.description(),
                METADATA, ingress.metadata(),
                DOMAIN, ingress.domain());
        try {
            return Boolean.TRUE.equals(program.eval(Map.of(VARIABLE, obj), clockFunctions));
        } catch (CelEvaluationException ex) {
            throw new InvalidFilterException(oneLine(ex.getMessage()), ex);
        }
    }

    // Absent description and metadata read as "", and should equal null as well: `== null` and `!= null`
    // on them are rewritten into `== ""` and `!= ""` before type-checking.
    private static CelAbstractSyntaxTree absentEqualsNull(CelAbstractSyntaxTree parsed) {
        CelMutableExpr root = CelMutableExprConverter.fromCelExpr(parsed.getExpr());
        CelNavigableMutableExpr.fromExpr(root).allNodes()
                .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.CALL)
                .map(node -> node.expr().call())
                .filter(call -> EQUALITY.contains(call.function()) && call.args().size() == 2)
                .toList()
                .forEach(call -> {
                    CelMutableExpr left = call.args().get(0);
                    CelMutableExpr right = call.args().get(1);
                    if (isNull(left) && isOptionalText(right)) {
                        left.setConstant(CelConstant.ofValue(""));
                    } else if (isNull(right) && isOptionalText(left)) {
                        right.setConstant(CelConstant.ofValue(""));
                    }
                });
        // Node IDs are unchanged, so the source still locates errors (CelMutableAst would drop its positions).
        return CelAbstractSyntaxTree.newParsedAst(CelMutableExprConverter.fromMutableExpr(root), parsed.getSource());
    }

    private static boolean isNull(CelMutableExpr expr) {
        return expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && expr.constant().getKind() == CelConstant.Kind.NULL_VALUE;
    }

    private static boolean isOptionalText(CelMutableExpr expr) {
        return expr.getKind() == CelExpr.ExprKind.Kind.SELECT
                && expr.select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT
                && expr.select().operand().ident().name().equals(VARIABLE)
                && ABSENT_AS_EMPTY.contains(expr.select().field());
    }

    // FilterAllowList made sure that timestamp() and daysAgo() only take a literal; here their values.
    private static void checkLiterals(CelAbstractSyntaxTree checked, Instant now) {
        CelNavigableAst.fromAst(checked).getRoot().allNodes()
                .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.CALL)
                .map(node -> node.expr().call())
                .forEach(call -> {
                    if (call.function().equals(TIMESTAMP)) {
                        checkTimestamp(call.args().get(0).constant().stringValue());
                    } else if (call.function().equals(DAYS_AGO)) {
                        daysAgo(now, call.args().get(0).constant().int64Value());
                    }
                });
    }

    private static void checkTimestamp(String text) {
        timestamp(text);
    }

    /** The instant of {@code timestamp(text)}, by CEL's own conversion. */
    static Instant timestamp(String text) {
        Object value;
        try {
            value = STRING_TO_TIMESTAMP.eval(Map.of("text", text));
        } catch (CelEvaluationException ex) {
            throw new InvalidFilterException("invalid timestamp '" + oneLine(text) + "', expected RFC 3339", ex);
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof com.google.protobuf.Timestamp timestamp) {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
        }
        throw new IllegalStateException("timestamp() gave a " + value.getClass().getName());
    }

    static Instant daysAgo(Instant now, long days) {
        try {
            Instant instant = now.minus(Duration.ofDays(days));
            if (instant.isBefore(MIN_TIMESTAMP) || instant.isAfter(MAX_TIMESTAMP)) {
                throw new DateTimeException("out of range");
            }
            return instant;
        } catch (ArithmeticException | DateTimeException ex) {
            throw new InvalidFilterException("daysAgo(" + days + ") is out of the range of timestamps", ex);
        }
    }

    private static CelAbstractSyntaxTree astOf(CelValidationResult result) {
        try {
            return result.getAst();
        } catch (CelValidationException ex) {
            if (ex.getErrors().isEmpty()) {
                throw new InvalidFilterException(oneLine(ex.getMessage()), ex);
            }
            CelIssue issue = ex.getErrors().get(0);
            throw new InvalidFilterException(oneLine(issue.getMessage()) + at(issue.getSourceLocation()), ex);
        }
    }

    private static String at(CelSourceLocation location) {
        if (location.getLine() < 1) {
            return "";
        }
        // Columns of CEL issues count from 0.
        int column = location.getColumn() + 1;
        return (location.getLine() == 1) ? " at column " + column
                : " at line " + location.getLine() + ", column " + column;
    }

    private static String oneLine(@Nullable String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static CelRuntime.Program timestampProgram() {
        try {
            CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
                    .addVar("text", SimpleType.STRING)
                    .build();
            return RUNTIME.createProgram(compiler.compile("timestamp(text)").getAst());
        } catch (CelValidationException | CelEvaluationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    // Lets the checker resolve the fields of obj. At run time obj is a Map, which CEL selects into by key.
    private record SingleTypeProvider(CelType type) implements CelTypeProvider {

        @Override
        public ImmutableCollection<CelType> types() {
            return ImmutableList.of(type);
        }

        @Override
        public Optional<CelType> findType(String name) {
            return Optional.of(type).filter(candidate -> candidate.name().equals(name));
        }
    }
}
