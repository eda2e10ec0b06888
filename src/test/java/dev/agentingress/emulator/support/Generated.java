package dev.agentingress.emulator.support;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * Seeded random input for property tests in plain JUnit Jupiter. A property is a {@code @TestFactory} that returns
 * {@link #tries(int, Property) tries(count, any -> ...)}: that many dynamic tests, each drawing its input from a
 * {@link SplittableRandom} of its own seed, so each try can be run again alone. The seed is in the try's name and
 * leads the message of its failure, e.g. {@code seed 5f0e8d3c2b1a0f9e (replay with -Dgenerated.seed=5f0e8d3c2b1a0f9e)}.
 * Run with that system property ({@code ./mvnw test -Dtest=SomeTests#someProperty -Dgenerated.seed=...}) and each
 * property runs a single try, with that seed, instead of its count ({@link #replaying()} says so, for checks on the
 * size of a whole run). A try that failed because of what earlier tries left on a shared server may pass alone.
 * <p>
 * There is no shrinking: a failure shows the input exactly as it was generated, so a property names its whole input
 * in its assertion messages. The combinators are the few the tests need, with uniform choices unless weighted.
 */
public final class Generated {

    /** The system property that replays one seed, in hexadecimal as failures print it. */
    public static final String SEED_PROPERTY = "generated.seed";

    private static final HexFormat HEX = HexFormat.of();
    /** Where each try's seed comes from: seeded differently in every run. */
    private static final SplittableRandom SEEDS = new SplittableRandom();

    private final SplittableRandom random;

    private Generated(long seed) {
        random = new SplittableRandom(seed);
    }

    /** What one try checks, with input drawn from {@code any}. */
    @FunctionalInterface
    public interface Property {
        void check(Generated any) throws Throwable;
    }

    /** A choice for {@link #frequency}: drawn {@code weight} times out of the sum of all weights. */
    public record Weighted<T>(int weight, Supplier<T> generator) {
    }

    /** {@code count} tries of {@code property}, each with a fresh seed; a single one when {@linkplain #replaying()}. */
    public static Stream<DynamicTest> tries(int count, Property property) {
        String replay = System.getProperty(SEED_PROPERTY, "");
        if (!replay.isBlank()) {
            return Stream.of(oneTry("replay", HEX.fromHexDigitsToLong(replay.strip()), property));
        }
        long[] seeds = nextSeeds(count);
        return IntStream.range(0, count)
                .mapToObj(i -> oneTry("try " + (i + 1) + " of " + count, seeds[i], property));
    }

    /** Whether this run replays one seed ({@value #SEED_PROPERTY} is set), so each property runs a single try. */
    public static boolean replaying() {
        return !System.getProperty(SEED_PROPERTY, "").isBlank();
    }

    public static <T> Weighted<T> weighted(int weight, Supplier<T> generator) {
        return new Weighted<>(weight, generator);
    }

    /** Every char from {@code first} to {@code last}, both included: an alphabet for {@link #text}. */
    public static String chars(char first, char last) {
        StringBuilder alphabet = new StringBuilder(last - first + 1);
        for (int c = first; c <= last; c++) {
            alphabet.append((char) c);
        }
        return alphabet.toString();
    }

    /** One of {@code values}, each as likely as the others. */
    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** One of {@code values}, each as likely as the others. */
    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return oneOf(List.of(values));
    }

    /** A value of one of the {@code choices}, picked in proportion to its weight. */
    @SafeVarargs
    public final <T> T frequency(Weighted<T>... choices) {
        int total = 0;
        for (Weighted<T> choice : choices) {
            total += choice.weight();
        }
        int point = random.nextInt(total);
        for (Weighted<T> choice : choices) {
            point -= choice.weight();
            if (point < 0) {
                return choice.generator().get();
            }
        }
        throw new IllegalArgumentException("no choice with a positive weight");
    }

    /** A number from {@code min} to {@code max}, both included. */
    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    /** Text of {@code minLength} to {@code maxLength} chars, each drawn from {@code alphabet}. */
    public String text(String alphabet, int minLength, int maxLength) {
        int length = between(minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** {@code size} values of {@code element}. */
    public <T> List<T> listOf(int size, Supplier<T> element) {
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    /** {@code minSize} to {@code maxSize} values of {@code element}. */
    public <T> List<T> listOf(int minSize, int maxSize, Supplier<T> element) {
        return listOf(between(minSize, maxSize), element);
    }

    private static synchronized long[] nextSeeds(int count) {
        return SEEDS.longs(count).toArray();
    }

    private static DynamicTest oneTry(String name, long seed, Property property) {
        String hex = HEX.toHexDigits(seed);
        return DynamicTest.dynamicTest(name + ", seed " + hex, () -> {
            try {
                property.check(new Generated(seed));
            } catch (TestAbortedException aborted) {
                throw aborted;
            } catch (AssertionError | Exception failure) {
                throw new AssertionError(
                        "seed " + hex + " (replay with -D" + SEED_PROPERTY + "=" + hex + "): " + failure, failure);
            }
        });
    }
}
