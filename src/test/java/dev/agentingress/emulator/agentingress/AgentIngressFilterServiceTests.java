package dev.agentingress.emulator.agentingress;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokErrorThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.agentingress.emulator.agentingress.AgentIngressService.IngressPage;
import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.support.Unique;

/**
 * The CEL {@code filter} of the list evaluated over stored rows (spec §9.3): each field as the database gives it back
 * (an absent description or metadata, the creation time), and what the service answers to an expression it refuses.
 * The language itself is IngressFilterTests'; the query parameter on the wire is AgentIngressListIntegrationTests'.
 */
@AgentIngressServiceTest
class AgentIngressFilterServiceTests {

    // A well-formed agent ingress ID (the one in ngrok's docs), owned by nobody here.
    private static final String WELL_FORMED_ID = "agin_32ELHcC7y5A5ZDbW5prn13UplVf";

    @Autowired
    private AgentIngressService service;

    private final Account account = Unique.account();

    @Test
    void filterByDomainEqualityReturnsThatIngress() {
        String domain = Unique.domain();
        createIngress(Unique.domain());
        String wanted = createIngress(domain);
        createIngress(Unique.domain());

        assertThat(filtered("obj.domain == \"" + domain + "\"")).containsExactly(wanted);
    }

    @Test
    void filterByDomainEndsWithReturnsTheIngressesUnderThatZone() {
        String zone = Unique.zone("list");
        String a = createIngress("a." + zone);
        createIngress(Unique.domain());
        String b = createIngress("b." + zone);

        assertThat(filtered("obj.domain.endsWith(\"." + zone + "\")")).containsExactly(b, a);
    }

    @Test
    void filterByDescriptionStartsWith() {
        String a = create("alpha one", null);
        create("beta alpha", null);
        String b = create("alpha two", null);
        create(null, null);

        assertThat(filtered("obj.description.startsWith(\"alpha\")")).containsExactly(b, a);
    }

    @Test
    void filterByMetadataContains() {
        String a = create(null, "{\"team\":\"edge\",\"env\":\"prod\"}");
        create(null, "{\"team\":\"core\"}");
        create(null, null);
        String b = create("x", "prod-like edge box");

        assertThat(filtered("obj.metadata.contains(\"edge\")")).containsExactly(b, a);
    }

    @Test
    void filterByIdInList() {
        List<String> created = createMany(4);

        assertThat(filtered("obj.id in [\"" + created.get(0) + "\", \"" + created.get(2) + "\", \""
                + WELL_FORMED_ID + "\"]")).containsExactly(created.get(2), created.get(0));
    }

    @Test
    void filterByIdEquality() {
        List<String> created = createMany(3);

        assertThat(filtered("obj.id == \"" + created.get(1) + "\"")).containsExactly(created.get(1));
    }

    @Test
    void filterByCreatedAtAfterATimestampReturnsEverything() {
        List<String> created = createMany(3);

        assertThat(filtered("obj.created_at > timestamp(\"2020-01-01T00:00:00Z\")"))
                .containsExactly(created.get(2), created.get(1), created.get(0));
    }

    @Test
    void filterByCreatedAtBeforeDaysAgoMatchesNothingJustCreated() {
        createMany(3);

        assertThat(filtered("obj.created_at < daysAgo(1)")).isEmpty();
    }

    @Test
    void filterByCreatedAtUpToNowReturnsEverything() {
        List<String> created = createMany(2);

        assertThat(filtered("obj.created_at <= now()")).containsExactly(created.get(1), created.get(0));
    }

    @Test
    void filterByCreatedAtWithinTheLastDayReturnsEverything() {
        List<String> created = createMany(2);

        assertThat(filtered("obj.created_at > daysAgo(1)")).containsExactly(created.get(1), created.get(0));
    }

    @Test
    void filterDescriptionEqualsEmptyMatchesIngressesWithoutDescription() {
        String without = create(null, null);
        create("has one", null);
        String withoutButMetadata = create(null, "m");

        assertThat(filtered("obj.description == \"\"")).containsExactly(withoutButMetadata, without);
    }

    @Test
    void filterDescriptionEqualsNullMatchesIngressesWithoutDescription() {
        String without = create(null, null);
        create("has one", null);

        assertThat(filtered("obj.description == null")).containsExactly(without);
    }

    @Test
    void filterDescriptionNotEmptyMatchesIngressesWithADescription() {
        create(null, "m");
        String with = create("d", null);

        assertThat(filtered("obj.description != \"\"")).containsExactly(with);
    }

    @Test
    void filterWithAndOrNotCombinesConditions() {
        String zone = Unique.zone("bool");
        String prodEdge = createWith("a." + zone, "prod", "edge");
        String prodCore = createWith("b." + zone, "prod", "core");
        String devEdge = createWith("c." + zone, "dev", "edge");
        createWith(Unique.domain(), "prod", "edge");

        assertThat(filtered("obj.domain.endsWith(\"." + zone + "\") && obj.description == \"prod\""))
                .containsExactly(prodCore, prodEdge);
        assertThat(filtered("obj.domain.endsWith(\"." + zone + "\") && (obj.metadata == \"core\" || "
                + "obj.description == \"dev\")")).containsExactly(devEdge, prodCore);
        assertThat(filtered("obj.domain.endsWith(\"." + zone + "\") && !(obj.metadata == \"edge\")"))
                .containsExactly(prodCore);
    }

    @Test
    void filterBySizeOfDescription() {
        String longer = create("four", null);
        create("abc", null);
        create(null, null);
        String longest = create("a longer one", null);

        assertThat(filtered("size(obj.description) > 3")).containsExactly(longest, longer);
    }

    @Test
    void filterAcceptsSingleQuotedStrings() {
        String domain = Unique.domain();
        String wanted = createIngress(domain);
        createIngress(Unique.domain());

        assertThat(filtered("obj.domain == '" + domain + "'")).containsExactly(wanted);
    }

    @Test
    void filterByDomainInList() {
        String a = Unique.domain();
        String b = Unique.domain();
        String idA = createIngress(a);
        createIngress(Unique.domain());
        String idB = createIngress(b);

        assertThat(filtered("obj.domain in [\"" + a + "\", \"" + b + "\"]")).containsExactly(idB, idA);
    }

    @Test
    void filterMatchingNothingIsAnEmptyLastPage() {
        createMany(2);

        IngressPage page = service.list(account,
                new PageParameters(null, 100, "obj.domain == \"nothing.example.com\""));

        assertThat(page.items()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "obj.nope == \"x\"",
            "obj.domain[0] == \"a\"",
            "obj.id.startsWith(\"agin\")",
            "1 + 1 == 2",
            "obj.domain.matches(\"x\")",
            "obj.domain ==",
            "obj.domain",
            "obj.description == \"a\" ? true : false",
            "obj.id.contains(\"x\")",
            "obj.id.endsWith(\"x\")",
            "size(obj.id) > 3",
            "obj.id < \"agin_z\"",
            "\"agin_x\" in [obj.id]",
            "type(obj.domain) == string",
            "obj.domain + \"x\" == \"y\"",
            "has(obj.domain)",
            "obj.domain.exists(c, c == \"a\")",
            "other.domain == \"x\"",
            "obj == obj",
            "obj.domain < 3",
            "obj.created_at > timestamp(\"not a time\")",
            "obj.created_at > daysAgo(\"1\")",
            "int(obj.description) == 1",
            "{\"a\": 1}.size() == 1"})
    void invalidFilterIsInvalidCelExpression(String filter) {
        assertThatNgrokErrorThrownBy(() -> service.list(account, new PageParameters(null, 100, filter)))
                .hasStatus(400).hasCode("invalid_cel_expression").hasMessageStartingWith("Invalid CEL query: ");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** The IDs of one filtered page (limit 100), newest first; the page must be the last. */
    private List<String> filtered(String filter) {
        IngressPage page = service.list(account, new PageParameters(null, 100, filter));
        assertThat(page.hasMore()).isFalse();
        return page.items().stream().map(AgentIngress::getId).toList();
    }

    private String createIngress(String domain) {
        return createWith(domain, null, null);
    }

    /** Creates {@code count} ingresses in order and returns their IDs, oldest first. */
    private List<String> createMany(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(createIngress(Unique.domain()));
        }
        return ids;
    }

    private String create(@Nullable String description, @Nullable String metadata) {
        return createWith(Unique.domain(), description, metadata);
    }

    private String createWith(String domain, @Nullable String description, @Nullable String metadata) {
        return service.create(account, new AgentIngressCreate(domain, description, metadata, null)).getId();
    }
}
