package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The spool of an import's items: every field an import uses comes back exactly (a lone surrogate, nanoseconds, a
 * job without its message), in the body's order and from its end, across the move from the heap to the file.
 */
class ImportedItemsTests {

    @Test
    void itemsComeBackExactlyInBothOrdersAcrossTheMoveToAFile() {
        List<AgentIngressImport.@Nullable Item> items = new ArrayList<>();
        // about 4 KiB each: a few MiB in all, so most of them go to the file and the last ones stay in the heap
        for (int i = 0; i < 1500; i++) {
            items.add(i == 7 ? null : item(i));
        }

        try (ImportedItems spooled = new ImportedItems()) {
            items.forEach(spooled::add);

            assertThat(spooled).hasSize(items.size());
            assertThat(new ArrayList<>(spooled)).isEqualTo(items);
            List<AgentIngressImport.@Nullable Item> backwards = new ArrayList<>();
            spooled.lastToFirst().forEachRemaining(backwards::add);
            List<AgentIngressImport.@Nullable Item> reversed = new ArrayList<>(items);
            Collections.reverse(reversed);
            assertThat(backwards).isEqualTo(reversed);
        }
    }

    @Test
    void aSmallImportStaysInTheHeapAndReadsBackTheSame() {
        List<AgentIngressImport.@Nullable Item> items = List.of(item(1), item(2));

        try (ImportedItems spooled = ImportedItems.of(items)) {
            Iterator<AgentIngressImport.@Nullable Item> backwards = spooled.lastToFirst();

            assertThat(backwards.next()).isEqualTo(items.get(1));
            assertThat(backwards.next()).isEqualTo(items.get(0));
            assertThat(backwards.hasNext()).isFalse();
        }
    }

    @SuppressWarnings("NullAway") // a job as Jackson leaves it when the body lacks its message and start
    private static AgentIngressImport.Item item(int i) {
        Instant time = Instant.ofEpochSecond(1_600_000_000L + i, i);
        AgentIngressResponse.CertJob job = i % 3 == 0 ? new AgentIngressResponse.CertJob(null, null, null, null)
                : new AgentIngressResponse.CertJob("ERR_" + i, "failed \uD800 " + i, time, i % 2 == 0 ? null : time);
        return new AgentIngressImport.Item(i % 5 == 0 ? null : "agin_" + i, null, "description " + i,
                "m".repeat(4000) + "\uDC00é" + i, "d" + i + ".example.com", null, null, i % 4 == 0 ? null : time,
                i % 2 == 0 ? null : new AgentIngressCertPolicy("letsencrypt", i % 3 == 0 ? null : "ecdsa"),
                new AgentIngressResponse.CertStatus(i % 2 == 0 ? null : time, i % 6 == 1 ? null : job));
    }
}
