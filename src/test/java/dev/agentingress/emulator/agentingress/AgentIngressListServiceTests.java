package dev.agentingress.emulator.agentingress;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokErrorThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.agentingress.emulator.agentingress.AgentIngressService.IngressPage;
import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.support.Unique;

/**
 * The list behind {@code GET /agent_ingresses}: IDs in creation order, newest first, paging by {@code before_id} and
 * {@code limit}, account scoping, and the filtered list that reads the account in batches of 50 rows until it has a
 * page and one more match (the wire contract, {@code next_page_uri} included, is AgentIngressListIntegrationTests').
 */
@AgentIngressServiceTest
class AgentIngressListServiceTests {

    /** Rows a filtered list reads per query (AgentIngressService's batch). */
    private static final int BATCH = 50;
    // The largest well-formed KSUID: every real ID sorts below it.
    private static final String HIGHEST_ID = "agin_aWgEPTl1tmebfsQzFP4bxwgy80V";

    @Autowired
    private AgentIngressService service;

    private final Account account = Unique.account();

    // --- order ----------------------------------------------------------------------------------------------------

    @Test
    void listIsNewestFirstInCreationOrderEvenWithinOneSecond() {
        List<String> created = createMany(account, 30);

        List<String> listed = ids(list(null, 100, null));

        assertThat(listed).containsExactlyElementsOf(reversed(created));
        for (int i = 1; i < listed.size(); i++) {
            assertThat(listed.get(i)).as("id at %d", i).isLessThan(listed.get(i - 1));
        }
    }

    @Test
    void idsCreatedInSequenceAreStrictlyIncreasing() {
        List<String> created = createMany(account, 30);

        for (int i = 1; i < created.size(); i++) {
            assertThat(created.get(i)).as("id #%d vs #%d", i, i - 1).isGreaterThan(created.get(i - 1));
        }
    }

    @Test
    void aDeletedIngressesIdIsNeverGivenToTheNextOne() {
        // the next ID follows the newest remaining one; deleting the newest must not let its ID come back
        create(account);
        for (int i = 0; i < 20; i++) {
            String deleted = create(account);
            service.delete(account, deleted);
            String next = create(account);
            assertThat(next).isNotEqualTo(deleted);
            assertThatNgrokErrorThrownBy(() -> service.get(account, deleted)).hasStatus(404);
            service.delete(account, next);
        }
    }

    @Test
    void aDeletedDomainCanBeCreatedAgain() {
        String domain = Unique.domain();
        service.delete(account, create(account, domain));

        assertThat(service.create(Unique.account(), new AgentIngressCreate(domain, null, null, null)).domain())
                .isEqualTo(domain);
    }

    // --- paging ---------------------------------------------------------------------------------------------------

    @Test
    void noNextPageWhenExactlyLimitItemsRemain() {
        createMany(account, 3);

        IngressPage page = list(null, 3, null);

        assertThat(page.items()).hasSize(3);
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void noNextPageWhenTheRemainderExactlyFillsTheLastPage() {
        List<String> created = createMany(account, 6);

        IngressPage first = list(null, 3, null);
        IngressPage second = list(last(first), 3, null);

        assertThat(ids(first)).containsExactly(created.get(5), created.get(4), created.get(3));
        assertThat(first.hasMore()).isTrue();
        assertThat(ids(second)).containsExactly(created.get(2), created.get(1), created.get(0));
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void limit1ReturnsOnlyTheNewest() {
        List<String> created = createMany(account, 2);

        IngressPage page = list(null, 1, null);

        assertThat(ids(page)).containsExactly(created.get(1));
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void beforeIdReturnsOnlyIdsBelowIt() {
        List<String> created = createMany(account, 5);

        assertThat(ids(list(created.get(2), 100, null))).containsExactly(created.get(1), created.get(0));
    }

    @Test
    void beforeIdOfTheOldestReturnsAnEmptyPage() {
        List<String> created = createMany(account, 3);

        IngressPage page = list(created.get(0), 100, null);

        assertThat(page.items()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void beforeIdNeedNotExist() {
        List<String> created = createMany(account, 3);

        assertThat(ids(list(HIGHEST_ID, 100, null))).containsExactlyElementsOf(reversed(created));
    }

    @Test
    void theNextPageStillWorksAfterTheCursorIngressIsDeleted() {
        List<String> created = createMany(account, 4);
        IngressPage first = list(null, 2, null);
        assertThat(ids(first)).containsExactly(created.get(3), created.get(2));

        service.delete(account, created.get(2));
        IngressPage second = list(last(first), 2, null);

        assertThat(ids(second)).containsExactly(created.get(1), created.get(0));
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void deletedIngressesLeaveTheList() {
        List<String> created = createMany(account, 3);

        service.delete(account, created.get(1));

        assertThat(ids(list(null, 100, null))).containsExactly(created.get(2), created.get(0));
    }

    // --- accounts -------------------------------------------------------------------------------------------------

    @Test
    void anotherAccountsIngressesNeverAppearInTheList() {
        Account other = Unique.account();
        String othersId = create(other);
        String mine = create(account);
        String othersNewer = create(other);

        assertThat(ids(list(null, 100, null))).containsExactly(mine);
        assertThat(ids(service.list(other, new PageParameters(null, 100, null))))
                .containsExactly(othersNewer, othersId);
    }

    @Test
    void pagingNeverCrossesIntoAnotherAccount() {
        Account other = Unique.account();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(create(account));
            create(other);
        }

        List<String> visited = new ArrayList<>();
        String beforeId = null;
        IngressPage page;
        do {
            page = list(beforeId, 1, null);
            assertThat(page.items()).as("a page with more must not lead to an empty one").isNotEmpty();
            visited.addAll(ids(page));
            beforeId = last(page);
        } while (page.hasMore());

        assertThat(visited).containsExactlyElementsOf(reversed(mine));
    }

    @Test
    void anotherAccountsIngressIsNotFound() {
        String id = create(account);

        assertThatNgrokErrorThrownBy(() -> service.get(Unique.account(), id)).hasStatus(404).hasNoCode()
                .hasMessage("Resource not found");
    }

    @Test
    void filterOnAnotherAccountsDomainFindsNothing() {
        String domain = Unique.domain();
        create(Unique.account(), domain);
        create(account);

        assertThat(ids(list(null, 100, "obj.domain == \"" + domain + "\""))).isEmpty();
    }

    // --- filtered lists, read in batches --------------------------------------------------------------------------

    @Test
    void filterFindsAMatchBehindMoreThanTwoHundredNonMatchingIngresses() {
        String oldest = createDescribed(account, "needle");
        for (int i = 0; i < 210; i++) {
            createDescribed(account, "hay");
        }

        IngressPage page = list(null, 1, "obj.description == \"needle\"");

        assertThat(ids(page)).containsExactly(oldest);
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void aFilteredListOfExactlyOneBatchEndsWithoutAnEmptyPage() {
        List<String> created = createMany(account, BATCH);

        IngressPage page = list(null, 100, "obj.domain != \"\"");

        assertThat(ids(page)).containsExactlyElementsOf(reversed(created));
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void aFilteredListReadsOnPastAFullBatch() {
        List<String> created = createMany(account, BATCH + 1);

        IngressPage page = list(null, 100, "obj.domain != \"\"");

        assertThat(ids(page)).containsExactlyElementsOf(reversed(created));
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void aFullFilteredPageOverSeveralBatchesKnowsWhetherMoreMatchesRemain() {
        // 2.5 batches, all matching: the page of 100 ends in the third batch, and the 101st match says there is more
        List<String> created = reversed(createMany(account, 2 * BATCH + 25));

        IngressPage first = list(null, 100, "obj.domain != \"\"");
        IngressPage second = list(last(first), 100, "obj.domain != \"\"");

        assertThat(ids(first)).containsExactlyElementsOf(created.subList(0, 100));
        assertThat(first.hasMore()).isTrue();
        assertThat(ids(second)).containsExactlyElementsOf(created.subList(100, created.size()));
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void exactlyLimitMatchesSpreadOverBatchesLeaveNoNextPage() {
        // every other row matches: 100 matches over 4 batches, and nothing older to find
        List<String> matches = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = createDescribed(account, i % 2 == 0 ? "match" : "other");
            if (i % 2 == 0) {
                matches.add(id);
            }
        }

        IngressPage page = list(null, 100, "obj.description == \"match\"");

        assertThat(ids(page)).containsExactlyElementsOf(reversed(matches));
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void matchesOnBothSidesOfABatchBoundaryArePagedInOrder() {
        // newest first, the matches are the last row of the first batch and the first row of the second
        List<String> created = reversed(createMany(account, 2 * BATCH + 1, index -> {
            int newestFirst = 2 * BATCH - index;
            return newestFirst == BATCH - 1 || newestFirst == BATCH ? "match" : "other";
        }));
        String filter = "obj.description == \"match\"";

        IngressPage first = list(null, 1, filter);
        IngressPage second = list(last(first), 1, filter);

        assertThat(ids(first)).containsExactly(created.get(BATCH - 1));
        assertThat(first.hasMore()).isTrue();
        assertThat(ids(second)).containsExactly(created.get(BATCH));
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void aFilteredListStartsBelowBeforeIdAndReadsOnInBatchesFromThere() {
        List<String> created = reversed(createMany(account, 3 * BATCH));
        String beforeId = created.get(30);

        IngressPage page = list(beforeId, 100, "obj.domain != \"\"");

        assertThat(ids(page)).containsExactlyElementsOf(created.subList(31, 131));
        assertThat(page.hasMore()).isTrue();
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private IngressPage list(@Nullable String beforeId, int limit, @Nullable String filter) {
        return service.list(account, new PageParameters(beforeId, limit, filter));
    }

    private String create(Account owner) {
        return create(owner, Unique.domain());
    }

    private String create(Account owner, String domain) {
        return service.create(owner, new AgentIngressCreate(domain, null, null, null)).getId();
    }

    private String createDescribed(Account owner, String description) {
        return service.create(owner, new AgentIngressCreate(Unique.domain(), description, null, null)).getId();
    }

    /** Creates {@code count} ingresses in order and returns their IDs, oldest first. */
    private List<String> createMany(Account owner, int count) {
        return createMany(owner, count, index -> null);
    }

    /** As {@link #createMany(Account, int)}, with the description each index (0 the oldest) gets. */
    private List<String> createMany(Account owner, int count, IntFunction<@Nullable String> description) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(service.create(owner, new AgentIngressCreate(Unique.domain(), description.apply(i), null, null))
                    .getId());
        }
        return ids;
    }

    private static List<String> ids(IngressPage page) {
        return page.items().stream().map(AgentIngress::getId).toList();
    }

    private static @Nullable String last(IngressPage page) {
        return page.items().isEmpty() ? null : page.items().get(page.items().size() - 1).getId();
    }

    private static List<String> reversed(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        Collections.reverse(copy);
        return copy;
    }
}
