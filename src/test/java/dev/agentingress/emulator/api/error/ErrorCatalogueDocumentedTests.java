package dev.agentingress.emulator.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/behaviour.md lists every error the emulator gives; this keeps its catalogue in step with {@link NgrokErrors}:
 * each error code is in it, and each message is, word for word, apart from what the request fills in.
 */
class ErrorCatalogueDocumentedTests {

    /** Stands for each value a request fills in; the message is checked piece by piece around it. */
    private static final String FILLED_IN = "\u0000";
    /** Numbers are filled in too (sizes, limits, counts), or fixed; either way the text around them is checked. */
    private static final Pattern FILLED_IN_OR_NUMBER = Pattern.compile(FILLED_IN + "|\\d+");
    /** Whose messages are a caller's argument, so there is nothing fixed to find. */
    private static final Set<String> GENERIC = Set.of("bad", "plainStatus", "injectedFault");
    /** The shorthands the catalogue defines once: {@code `<hint>` stands for "..."}. */
    private static final Pattern SHORTHAND = Pattern.compile("`(<[a-z]+>)` (?:stands )?for \"([^\"]+)\"");

    static Stream<Method> errors() {
        return Arrays.stream(NgrokErrors.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers()))
                .filter(method -> method.getReturnType() == NgrokException.class)
                .filter(method -> !GENERIC.contains(method.getName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void theCatalogueHasTheCodeAndTheMessage(Method error) throws Exception {
        NgrokException exception = (NgrokException) error.invoke(null, arguments(error));
        String catalogue = catalogue();

        // the document itself is left out of a failure's report: it is long, and the piece says what is missing
        if (exception.errorCode() != null) {
            assertThat(catalogue.contains("| " + exception.errorCode() + " |"))
                    .as("docs/behaviour.md has a row for %s", exception.errorCode()).isTrue();
        }
        for (String piece : FILLED_IN_OR_NUMBER.split(oneLine(exception.getMessage()))) {
            assertThat(catalogue.contains(piece))
                    .as("docs/behaviour.md has the message of %s, with '%s'", error.getName(), piece).isTrue();
        }
    }

    private static Object[] arguments(Method error) {
        List<Object> arguments = new ArrayList<>();
        for (Class<?> type : error.getParameterTypes()) {
            if (type == String.class) {
                arguments.add(FILLED_IN);
            } else if (type == int.class || type == long.class) {
                arguments.add(type == int.class ? (Object) 7 : (Object) 7L);
            } else if (type == Duration.class) {
                arguments.add(Duration.ofMillis(7));
            } else if (Collection.class.isAssignableFrom(type)) {
                arguments.add(List.of(FILLED_IN));
            } else {
                throw new IllegalStateException("no stand-in for a " + type + " in " + error);
            }
        }
        return arguments.toArray();
    }

    /** The document with its shorthands spelt out, on one line, so that wrapping does not matter. */
    private static String catalogue() throws IOException {
        // a table cell escapes '|' and writes a backtick as an entity, or Markdown would end the cell or start code
        String document = oneLine(Files.readString(Path.of("docs/behaviour.md"))).replace("\\|", "|")
                .replace("&#96;", "`");
        Matcher shorthand = SHORTHAND.matcher(document);
        String expanded = document;
        while (shorthand.find()) {
            expanded = expanded.replace("`" + shorthand.group(1) + "`", shorthand.group(2));
        }
        return expanded;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
