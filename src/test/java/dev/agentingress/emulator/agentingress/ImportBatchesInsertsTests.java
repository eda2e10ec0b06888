package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.support.Unique;

/**
 * An import sends its inserts to the database in JDBC batches of up to 200 (on PostgreSQL a round trip an item was
 * most of an import's time), while a create sends its one insert on its own: batched, an insert the domain's unique
 * index refuses stayed in the batch, and Hibernate logged it at every release. Hibernate's batch logger is where
 * batching shows without wrapping the driver.
 */
@AgentIngressServiceTest
@TestPropertySource(properties = "logging.level.org.hibernate.orm.jdbc.batch=trace")
@ExtendWith(OutputCaptureExtension.class)
class ImportBatchesInsertsTests {

    private static final Pattern EXECUTED_BATCH = Pattern.compile("Executing JDBC batch \\((\\d+) / 200\\)");

    @Autowired
    private AgentIngressImporter importer;

    @Autowired
    private AgentIngressService service;

    private final Account account = Unique.account();

    @Test
    void anImportInsertsInBatchesOf200(CapturedOutput output) {
        List<AgentIngressImport.Item> items = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            items.add(new AgentIngressImport.Item(null, null, null, null, Unique.domain(), null, null, null, null,
                    null));
        }

        int before = output.getAll().length();
        AgentIngressImport.Result result =
                importer.importAll(account, new AgentIngressImport(ImportedItems.of(items), null, null));

        assertThat(result.imported()).isEqualTo(450);
        assertThat(executedBatchSizes(output.getAll().substring(before))).containsExactly(200, 200, 50);
    }

    @Test
    void aCreateInsertsWithoutABatch(CapturedOutput output) {
        // the output of the test class's start-up is in the capture too
        int before = output.getAll().length();
        for (int i = 0; i < 3; i++) {
            service.create(account, new AgentIngressCreate(Unique.domain(), null, null, null));
        }

        assertThat(service.list(account, new PageParameters(null, 100, null)).items()).hasSize(3);
        assertThat(output.getAll().substring(before)).doesNotContain("JDBC batch");
    }

    private static List<Integer> executedBatchSizes(String output) {
        List<Integer> sizes = new ArrayList<>();
        Matcher matcher = EXECUTED_BATCH.matcher(output);
        while (matcher.find()) {
            sizes.add(Integer.parseInt(matcher.group(1)));
        }
        return sizes;
    }
}
