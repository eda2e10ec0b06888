package dev.agentingress.emulator.agentingress.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Filters too deep or too long for the parser are refused before parsing, on a request thread's small stack too. */
class FilterBoundsTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
    /** The image's request threads (-Xss512k in jvm.options). */
    private static final long REQUEST_THREAD_STACK = 512 * 1024;

    static List<String> overlyNested() {
        return List.of("(".repeat(1000) + "true" + ")".repeat(1000), "[".repeat(3000), "{".repeat(3000),
                "obj.domain.startsWith(".repeat(1000) + "\"a\"" + ")".repeat(1000),
                "(".repeat(FilterBounds.MAX_NESTING + 1) + "true" + ")".repeat(FilterBounds.MAX_NESTING + 1));
    }

    @ParameterizedTest
    @MethodSource("overlyNested")
    void deepNestingIsAnInvalidFilterNotAStackOverflow(String expression) throws InterruptedException {
        Throwable thrown = compileOnARequestSizedStack(expression);

        assertThat(thrown).isInstanceOf(InvalidFilterException.class);
        assertThat(((InvalidFilterException) thrown).getDetail())
                .isIn("brackets are nested more than 32 deep", "the expression has " + expression.length()
                        + " characters, more than the limit of 4096");
    }

    @Test
    void nestingUpToTheLimitCompiles() throws InterruptedException {
        int limit = FilterBounds.MAX_NESTING;
        assertThat(compileOnARequestSizedStack("(".repeat(limit) + "true" + ")".repeat(limit))).isNull();
    }

    @Test
    void aFilterOverTheLengthLimitIsInvalid() throws InterruptedException {
        String expression = "obj.domain == \"" + "a".repeat(FilterBounds.MAX_LENGTH) + "\"";

        assertThat(compileOnARequestSizedStack(expression)).isInstanceOfSatisfying(InvalidFilterException.class,
                e -> assertThat(e.getDetail()).isEqualTo("the expression has " + expression.length()
                        + " characters, more than the limit of 4096"));
    }

    @Test
    void bracketsInStringsAndCommentsDoNotCount() {
        assertThat(FilterBounds.nesting("obj.domain == \"" + "(".repeat(100) + "\"")).isZero();
        assertThat(FilterBounds.nesting("obj.domain == '''" + "[".repeat(100) + "'''")).isZero();
        assertThat(FilterBounds.nesting("obj.domain == \"a\" // " + "{".repeat(100) + "\n")).isZero();
        assertThat(FilterBounds.nesting("obj.domain.startsWith(\"(\")")).isEqualTo(1);
    }

    @Test
    void aRawStringEndsWhereCelEndsItSoBracketsAfterItCount() {
        // in a raw string a backslash escapes nothing: the string is r"\", and every ( after it is real
        String expression = "obj.domain == r\"\\\" || " + "(".repeat(40) + "true" + ")".repeat(40);

        assertThat(FilterBounds.nesting(expression)).isEqualTo(40);
    }

    private static Throwable compileOnARequestSizedStack(String expression) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                IngressFilter.compile(expression, CLOCK);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "request-sized-stack", REQUEST_THREAD_STACK);
        thread.start();
        thread.join();
        return thrown.get();
    }
}
