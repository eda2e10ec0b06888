package dev.agentingress.emulator.support;

import static dev.agentingress.emulator.support.Generated.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

class GeneratedTests {

    @Test
    void eachTryHasASeedOfItsOwnInItsName() {
        List<String> names = Generated.tries(20, any -> {
        }).map(DynamicTest::getDisplayName).toList();
        assertThat(names).hasSize(20).doesNotHaveDuplicates()
                .allMatch(name -> name.matches("try \\d+ of 20, seed \\p{XDigit}{16}"));
    }

    @Test
    void aFailureNamesItsSeedAndKeepsItsCause() {
        AssertionError cause = new AssertionError("status for Request[method=GET]");
        DynamicTest failing = Generated.tries(1, any -> {
            throw cause;
        }).findFirst().orElseThrow();
        String seed = seedOf(failing);
        assertThatThrownBy(() -> failing.getExecutable().execute())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("seed " + seed + " (replay with -Dgenerated.seed=" + seed + "): ")
                .hasMessageContaining("status for Request[method=GET]")
                .hasCause(cause);
    }

    @Test
    void theSeedPropertyRunsOneTryThatDrawsTheSameInputAgain() throws Throwable {
        List<Object> first = new ArrayList<>();
        DynamicTest original = Generated.tries(1, any -> first.addAll(draws(any))).findFirst().orElseThrow();
        original.getExecutable().execute();

        List<Object> replayed = new ArrayList<>();
        List<DynamicTest> replay;
        System.setProperty(Generated.SEED_PROPERTY, seedOf(original));
        try {
            assertThat(Generated.replaying()).isTrue();
            replay = Generated.tries(650, any -> replayed.addAll(draws(any))).toList();
            for (DynamicTest test : replay) {
                test.getExecutable().execute();
            }
        } finally {
            System.clearProperty(Generated.SEED_PROPERTY);
        }
        assertThat(replay).singleElement().extracting(DynamicTest::getDisplayName)
                .isEqualTo("replay, seed " + seedOf(original));
        assertThat(replayed).isEqualTo(first);
        assertThat(Generated.replaying()).isFalse();
    }

    @Test
    void textStaysInItsAlphabetAndLengths() {
        Generated.tries(200, any -> assertThat(any.text(".a-", 2, 5)).matches("[.a-]{2,5}"))
                .forEach(GeneratedTests::run);
    }

    @Test
    void frequencyNeverPicksAChoiceOfWeightZero() {
        Generated.tries(200, any -> assertThat(any.frequency(weighted(0, () -> "never"), weighted(1, () -> "a"),
                weighted(3, () -> "b"))).isIn("a", "b")).forEach(GeneratedTests::run);
    }

    @Test
    void listsHaveTheirSizeAndBetweenIncludesBothEnds() {
        List<Integer> drawn = new ArrayList<>();
        Generated.tries(200, any -> {
            assertThat(any.listOf(0, 3, () -> "x")).hasSizeBetween(0, 3);
            assertThat(any.listOf(4, () -> "x")).hasSize(4);
            drawn.add(any.between(1, 3));
        }).forEach(GeneratedTests::run);
        assertThat(drawn).containsOnly(1, 2, 3);
    }

    private static List<Object> draws(Generated any) {
        return List.of(any.oneOf("a", "b", "c"), any.between(0, 1_000_000), any.text(Generated.chars('a', 'z'), 0, 30),
                any.listOf(0, 5, () -> any.frequency(weighted(1, () -> "x"), weighted(2, () -> "y"))));
    }

    private static String seedOf(DynamicTest test) {
        String name = test.getDisplayName();
        return name.substring(name.lastIndexOf(' ') + 1);
    }

    private static void run(DynamicTest test) {
        try {
            test.getExecutable().execute();
        } catch (Throwable failure) {
            throw new AssertionError(failure);
        }
    }
}
