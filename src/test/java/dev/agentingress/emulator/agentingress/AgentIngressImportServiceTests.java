package dev.agentingress.emulator.agentingress;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokErrorThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.ids.KsuidGenerator;
import dev.agentingress.emulator.ids.ResourceIds;
import dev.agentingress.emulator.support.Unique;

/**
 * The import behind the {@code /_emulator/agent_ingresses} control and start-up seeds: the list's order kept (lists
 * are newest first, IDs are made from the oldest on), given IDs and creation times kept, duplicates skipped, and an
 * item that fails stores nothing. Export, the round trip and the envelope of a refused item are
 * AgentIngressExportImportIntegrationTests'.
 */
@AgentIngressServiceTest
class AgentIngressImportServiceTests {

    @Autowired
    private AgentIngressImporter importer;

    @Autowired
    private AgentIngressService service;

    @Autowired
    private KsuidGenerator ksuids;

    private final Account account = Unique.account();

    @Test
    void importWithoutIdsMakesThemInListOrder() {
        String older = Unique.domain();
        String newer = Unique.domain();

        AgentIngressImport.Result result = importAll(item(null, newer, null), item(null, older, null));

        assertThat(result).isEqualTo(new AgentIngressImport.Result(2, 0));
        assertThat(listedDomains()).containsExactly(newer, older);
    }

    @Test
    void importedIngressesWithoutIdsComeAfterTheAccountsNewest() {
        String existing = Unique.domain();
        service.create(account, new AgentIngressCreate(existing, null, null, null));
        String older = Unique.domain();
        String newer = Unique.domain();

        importAll(item(null, newer, null), item(null, older, null));

        assertThat(listedDomains()).containsExactly(newer, older, existing);
    }

    @Test
    void importKeepsGivenIdsAndTheirTimes() {
        String id = newId();
        String createdAt = ResourceIds.timestampOf(id).toString();
        String domain = Unique.domain();

        importAll(item(id, domain, createdAt));

        AgentIngress imported = service.get(account, id);
        assertThat(imported.createdAt()).isEqualTo(Instant.parse(createdAt));
        assertThat(imported.domain()).isEqualTo(domain);
    }

    @Test
    void givenIdsSetTheOrderWhateverTheirOrderInTheFile() {
        String older = newId();
        String newer = AgentIngress.ID_PREFIX + "_" + ksuids.nextAfter(ResourceIds.ksuidOf(older), Instant.now());

        // oldest first, against the list's order
        importAll(item(older, Unique.domain(), null), item(newer, Unique.domain(), null));

        assertThat(listedIds()).containsExactly(newer, older);
    }

    @Test
    void aCreatedAtWithoutAnIdMakesAnIdOfThatTime() {
        String newerDomain = Unique.domain();
        String olderDomain = Unique.domain();

        importAll(item(null, newerDomain, "2021-06-01T12:00:00Z"), item(null, olderDomain, "2020-01-01T00:00:00Z"));

        List<String> ids = listedIds();
        assertThat(ids).hasSize(2);
        assertThat(ResourceIds.timestampOf(ids.get(0))).isEqualTo(Instant.parse("2021-06-01T12:00:00Z"));
        assertThat(ResourceIds.timestampOf(ids.get(1))).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(service.get(account, ids.get(0)).domain()).isEqualTo(newerDomain);
        assertThat(service.get(account, ids.get(1)).createdAt()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void importingTheSameIngressesTwiceSkipsWhatIsThere() {
        AgentIngress created = service.create(account, new AgentIngressCreate(Unique.domain(), null, null, null));

        AgentIngressImport.Result result = importAll(item(created.getId(), created.domain(),
                created.createdAt().toString()));

        assertThat(result).isEqualTo(new AgentIngressImport.Result(0, 1));
        assertThat(listedIds()).containsExactly(created.getId());
    }

    @Test
    void theSameIdTwiceInOneFileIsImportedOnceAndSkippedOnce() {
        String id = newId();
        String listedLast = Unique.domain();

        AgentIngressImport.Result result = importAll(item(id, Unique.domain(), null), item(id, listedLast, null));

        assertThat(result).isEqualTo(new AgentIngressImport.Result(1, 1));
        assertThat(listedIds()).containsExactly(id);
        // the list is read oldest first: the item listed last is the one stored
        assertThat(service.get(account, id).domain()).isEqualTo(listedLast);
    }

    @Test
    void theSameDomainTwiceInOneFileIs6706AndStoresNothing() {
        String domain = Unique.domain();

        assertThatNgrokErrorThrownBy(() -> importAll(item(null, domain, null), item(null, domain, null)))
                .hasStatus(400).hasCode("ERR_NGROK_6706").hasDetail("item", "ingresses[0]");

        assertThat(listedIds()).isEmpty();
    }

    @Test
    void anItemThatFailsStoresNothingOfTheOthers() {
        String fine = Unique.domain();

        assertThatNgrokErrorThrownBy(() -> importAll(item(null, fine, null), item(null, "x.ngrok.app", null)))
                .hasStatus(400).hasCode("ERR_NGROK_6705").hasDetail("item", "ingresses[1]");

        assertThat(listedIds()).isEmpty();
        // the domain was not claimed by the refused import
        service.create(Unique.account(), new AgentIngressCreate(fine, null, null, null));
    }

    @Test
    void aCreatedAtThatIsNotTheIdsTimeIsRejected() {
        assertThatNgrokErrorThrownBy(() -> importAll(item(newId(), Unique.domain(), "2020-01-01T00:00:00Z")))
                .hasStatus(400).hasCode("ERR_NGROK_215");
    }

    @Test
    void anIdOfAnotherAccountIsAConflict() {
        String theirs = service.create(Unique.account(), new AgentIngressCreate(Unique.domain(), null, null, null))
                .getId();

        assertThatNgrokErrorThrownBy(() -> importAll(item(theirs, Unique.domain(), null)))
                .hasStatus(409).hasDetail("item", "ingresses[0]");
    }

    @Test
    void aMalformedIdIs223() {
        assertThatNgrokErrorThrownBy(() -> importAll(item("agin_nope", Unique.domain(), null)))
                .hasStatus(400).hasCode("ERR_NGROK_223");
    }

    @Test
    void aDomainTakenElsewhereIs6706() {
        String domain = Unique.domain();
        service.create(Unique.account(), new AgentIngressCreate(domain, null, null, null));

        assertThatNgrokErrorThrownBy(() -> importAll(item(null, domain, null)))
                .hasStatus(400).hasCode("ERR_NGROK_6706");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** Imports the items, newest first as a list gives them. */
    private AgentIngressImport.Result importAll(AgentIngressImport.Item... items) {
        return importer.importAll(account, new AgentIngressImport(ImportedItems.of(List.of(items)), null, null));
    }

    private static AgentIngressImport.Item item(@Nullable String id, String domain, @Nullable String createdAt) {
        return new AgentIngressImport.Item(id, null, null, null, domain, null, null,
                createdAt == null ? null : Instant.parse(createdAt), null, null);
    }

    /** A fresh well-formed ID of now, for an account that has none. */
    private String newId() {
        return AgentIngress.ID_PREFIX + "_" + ksuids.nextRandom();
    }

    private List<String> listedIds() {
        return service.list(account, new PageParameters(null, 100, null)).items().stream().map(AgentIngress::getId)
                .toList();
    }

    private List<String> listedDomains() {
        return service.list(account, new PageParameters(null, 100, null)).items().stream().map(AgentIngress::domain)
                .toList();
    }
}
