package dev.agentingress.emulator.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KsuidTests {

    @ParameterizedTest
    @CsvSource({
            // IDs and created_at from ngrok's own API examples
            "32ELHcC7y5A5ZDbW5prn13UplVf, 2025-09-04T10:11:37Z",
            "2fmnypjq2RAXIuNjjqzRmI3T7zy, 2024-04-29T18:29:37Z"})
    void decodesTheTimestampOfNgrokIds(String ksuid, String createdAt) {
        assertThat(Ksuid.timestampOf(ksuid)).isEqualTo(Instant.parse(createdAt));
    }

    @Test
    void encodesTheTimestampItDecodes() {
        Instant second = Instant.parse("2026-01-02T03:04:05Z");
        String encoded = new KsuidGenerator(Clock.fixed(second, ZoneOffset.UTC)).nextRandom();
        assertThat(encoded).hasSize(27).matches("[0-9A-Za-z]{27}");
        assertThat(Ksuid.timestampOf(encoded)).isEqualTo(second);
    }

    @Test
    void requestIdsCarryTheSecondAndDifferAcrossThreads() throws Exception {
        Instant second = Instant.parse("2026-01-02T03:04:05Z");
        KsuidGenerator ids = new KsuidGenerator(Clock.fixed(second, ZoneOffset.UTC));
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Runnable make = () -> {
            for (int i = 0; i < 10_000; i++) {
                seen.add(ids.nextForRequest());
            }
        };
        Thread other = new Thread(make);
        other.start();
        make.run();
        other.join();
        assertThat(seen).hasSize(20_000).allSatisfy(id -> assertThat(Ksuid.timestampOf(id)).isEqualTo(second));
    }

    @Test
    void encodesTheSmallestAndLargestValuesAtFullWidth() {
        assertThat(Ksuid.encode(0, new byte[16])).isEqualTo("000000000000000000000000000");
        byte[] ones = new byte[16];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        assertThat(Ksuid.encode(0xFFFFFFFFL, ones)).isEqualTo("aWgEPTl1tmebfsQzFP4bxwgy80V");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "32ELHcC7y5A5ZDbW5prn13UplV", "32ELHcC7y5A5ZDbW5prn13UplVf0", "32ELHcC7y5A5ZDbW5prn13Upl-f",
                    "zzzzzzzzzzzzzzzzzzzzzzzzzzz", "aWgEPTl1tmebfsQzFP4bxwgy80W"})
    void rejectsWhatIsNotAKsuid(String text) {
        assertThat(Ksuid.isWellFormed(text)).isFalse();
        assertThatThrownBy(() -> Ksuid.timestampOf(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsChainedInOneSecondSortInCreationOrder() {
        KsuidGenerator generator =
                new KsuidGenerator(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        List<String> made = new ArrayList<>();
        String previous = "0".repeat(27);
        for (int i = 0; i < 1000; i++) {
            previous = generator.nextAfter(previous, Instant.parse("2026-01-02T03:04:05Z"));
            made.add(previous);
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(made).allSatisfy(id -> assertThat(Ksuid.timestampOf(id)).isEqualTo("2026-01-02T03:04:05Z"));
    }

    @Test
    void aLaterSecondStartsFromARandomPayload() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
        KsuidGenerator generator = new KsuidGenerator(clock);
        String first = generator.nextAfter("0".repeat(27), clock.now);
        clock.now = Instant.parse("2026-01-02T03:04:06Z");
        String second = generator.nextAfter(first, clock.now);
        assertThat(second).isGreaterThan(first);
        assertThat(Ksuid.timestampOf(second)).isEqualTo("2026-01-02T03:04:06Z");
    }

    @Test
    void idsKeepTheirOrderWhenTheClockStepsBack() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
        KsuidGenerator generator = new KsuidGenerator(clock);
        String before = generator.nextAfter("0".repeat(27), clock.now);
        clock.now = Instant.parse("2026-01-02T03:00:00Z");
        String after = generator.nextAfter(before, clock.now);
        assertThat(after).isGreaterThan(before);
        assertThat(Ksuid.timestampOf(after)).isEqualTo(Ksuid.timestampOf(before));
    }

    @Test
    void aFullPayloadCarriesIntoTheNextSecond() {
        byte[] ones = new byte[16];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        String last = Ksuid.encode(1000, ones);
        KsuidGenerator generator = new KsuidGenerator(Clock.fixed(Instant.ofEpochSecond(Ksuid.EPOCH_SECONDS + 1000),
                ZoneOffset.UTC));
        String next = generator.nextAfter(last, Instant.ofEpochSecond(Ksuid.EPOCH_SECONDS + 1000));
        assertThat(next).isGreaterThan(last);
        assertThat(Ksuid.timestampOf(next)).isEqualTo(Instant.ofEpochSecond(Ksuid.EPOCH_SECONDS + 1001));
        // the newest deleted, the next create starts from the same previous ID: it must not make the same ID again
        String again = generator.nextAfter(last, Instant.ofEpochSecond(Ksuid.EPOCH_SECONDS + 1000));
        assertThat(again).isGreaterThan(last).isNotEqualTo(next);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
