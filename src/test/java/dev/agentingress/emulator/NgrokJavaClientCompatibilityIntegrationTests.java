package dev.agentingress.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.linecorp.armeria.client.WebClient;
import com.ngrok.DefaultNgrokApiClient;
import com.ngrok.Ngrok;
import com.ngrok.definitions.AgentIngress;
import com.ngrok.definitions.AgentIngressCertJob;
import com.ngrok.definitions.AgentIngressCertPolicy;
import com.ngrok.definitions.AgentIngressCertStatus;
import com.ngrok.definitions.AgentIngressList;
import com.ngrok.definitions.NgrokApiError;
import com.ngrok.definitions.Page;
import com.ngrok.services.AgentIngresses;
import dev.agentingress.emulator.support.Unique;

/**
 * Drives the emulator with ngrok's official Java client ({@code com.ngrok:ngrok-api-java} 0.8.0) to
 * prove wire compatibility: the client must be able to create, read, update, page through and delete
 * agent ingresses, and must surface the emulator's errors as {@link NgrokApiError}.
 *
 * <p>The emulator runs in open mode, so every test uses a fresh random bearer token, which is its own
 * account. Domains are random too, because domain uniqueness spans all accounts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NgrokJavaClientCompatibilityIntegrationTests {

    private static final String PROVISIONING_MSG = "Managed certificate provisioning in progress.";

    /** One Armeria client (and event loop) shared by all tests; the client builds a new one otherwise. */
    private static final WebClient HTTP = DefaultNgrokApiClient.newDefaultHttpClient();

    @LocalServerPort
    private int port;

    private AgentIngresses agentIngresses;

    @BeforeEach
    void newAccount() {
        String token = Unique.token();
        Ngrok ngrok = new Ngrok(DefaultNgrokApiClient.newBuilder(token)
                .httpClient(HTTP)
                .baseUri(URI.create(baseUrl()))
                .build());
        this.agentIngresses = ngrok.agentIngresses();
    }

    @AfterAll
    static void closeHttpClient() {
        HTTP.options().factory().close();
    }

    @Test
    void createWithCertificatePolicyReturnsEveryField() throws Exception {
        String domain = Unique.domain("connect");

        AgentIngress created = agentIngresses.create(domain)
                .description("connect url for the Java client")
                .metadata("{\"team\":\"java\"}")
                .certificateManagementPolicy(AgentIngressCertPolicy.newBuilder()
                        .authority("letsencrypt")
                        .privateKeyType("ecdsa")
                        .build())
                .blockingCall();

        assertThat(created.getId()).startsWith("agin_").hasSize(32);
        assertThat(created.getId().substring(5)).matches("[0-9A-Za-z]{27}");
        assertThat(created.getUri()).isEqualTo(URI.create("/agent_ingresses/" + created.getId()));
        assertThat(created.getDomain()).isEqualTo(domain);
        assertThat(created.getDescription()).contains("connect url for the Java client");
        assertThat(created.getMetadata()).contains("{\"team\":\"java\"}");
        assertThat(created.getNsTargets()).hasSize(4).allSatisfy(target -> assertThat(target).endsWith("."));
        assertThat(created.getRegionDomains()).isNotEmpty();
        assertThat(created.getRegionDomains().get(0)).isEqualTo("tunnel.us." + domain);
        assertThat(created.getRegionDomains())
                .allSatisfy(regionDomain -> assertThat(regionDomain).startsWith("tunnel.").endsWith("." + domain));
        assertIsRecentUtcSecond(created.getCreatedAt());

        assertThat(created.getCertificateManagementPolicy()).hasValueSatisfying(policy -> {
            assertThat(policy.getAuthority()).isEqualTo("letsencrypt");
            assertThat(policy.getPrivateKeyType()).isEqualTo("ecdsa");
        });
        assertThat(created.getCertificateManagementStatus()).isPresent();
        AgentIngressCertStatus status = created.getCertificateManagementStatus().get();
        assertThat(status.getRenewsAt()).isEmpty();
        assertThat(status.getProvisioningJob()).isPresent();
        AgentIngressCertJob job = status.getProvisioningJob().get();
        assertThat(job.getMsg()).isEqualTo(PROVISIONING_MSG);
        assertThat(job.getErrorCode()).isEmpty();
        assertThat(job.getRetriesAt()).isEmpty();
        assertThat(job.getStartedAt()).isCloseTo(OffsetDateTime.now(ZoneOffset.UTC), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void createWithoutCertificatePolicyReturnsNoPolicyAndNoStatus() throws Exception {
        String domain = Unique.domain("connect");

        AgentIngress created = agentIngresses.create(domain).blockingCall();

        assertThat(created.getId()).startsWith("agin_").hasSize(32);
        assertThat(created.getDomain()).isEqualTo(domain);
        assertThat(created.getDescription()).isEmpty();
        assertThat(created.getMetadata()).isEmpty();
        assertThat(created.getCertificateManagementPolicy()).isEmpty();
        assertThat(created.getCertificateManagementStatus()).isEmpty();
    }

    @Test
    void getReturnsTheCreatedIngress() throws Exception {
        AgentIngress created = agentIngresses.create(Unique.domain("connect"))
                .description("to be read back")
                .metadata("m=1")
                .certificateManagementPolicy(AgentIngressCertPolicy.newBuilder()
                        .authority("letsencrypt")
                        .privateKeyType("ecdsa")
                        .build())
                .blockingCall();

        AgentIngress fetched = agentIngresses.get(created.getId()).blockingCall();

        assertThat(fetched).isEqualTo(created);
    }

    @Test
    void updateChangesDescriptionAndMetadata() throws Exception {
        AgentIngress created = agentIngresses.create(Unique.domain("connect"))
                .description("before")
                .metadata("v=1")
                .blockingCall();

        AgentIngress updated = agentIngresses.update(created.getId())
                .description("after")
                .metadata("v=2")
                .blockingCall();

        assertThat(updated.getId()).isEqualTo(created.getId());
        assertThat(updated.getUri()).isEqualTo(created.getUri());
        assertThat(updated.getDomain()).isEqualTo(created.getDomain());
        assertThat(updated.getCreatedAt()).isEqualTo(created.getCreatedAt());
        assertThat(updated.getDescription()).contains("after");
        assertThat(updated.getMetadata()).contains("v=2");
        assertThat(updated.getCertificateManagementPolicy()).isEmpty();
        assertThat(updated.getCertificateManagementStatus()).isEmpty();
    }

    @Test
    void getAfterUpdateReturnsTheUpdatedIngress() throws Exception {
        AgentIngress created = agentIngresses.create(Unique.domain("connect")).description("before").blockingCall();
        AgentIngress updated = agentIngresses.update(created.getId())
                .description("after")
                .metadata("v=2")
                .blockingCall();

        AgentIngress fetched = agentIngresses.get(created.getId()).blockingCall();

        assertThat(fetched).isEqualTo(updated);
        assertThat(fetched.getDescription()).contains("after");
        assertThat(fetched.getMetadata()).contains("v=2");
    }

    @Test
    void listPagesThroughEveryIngressOnceNewestFirst() throws Exception {
        List<String> createdIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            createdIds.add(agentIngresses.create(Unique.domain("connect")).description("item " + i).blockingCall()
                    .getId());
        }

        List<String> seenIds = new ArrayList<>();
        int pages = 0;
        Optional<Page<AgentIngressList>> page = Optional.of(agentIngresses.list().limit("2").blockingCall());
        while (page.isPresent()) {
            AgentIngressList list = page.get().getPage();
            pages++;
            assertThat(pages).as("page count").isLessThanOrEqualTo(10);
            assertThat(list.getUri()).isEqualTo(URI.create(baseUrl() + "/agent_ingresses"));
            assertThat(list.getIngresses()).hasSizeBetween(1, 2);
            list.getIngresses().forEach(ingress -> seenIds.add(ingress.getId()));
            list.getNextPageUri()
                    .ifPresent(next -> assertThat(next.isAbsolute()).as("next_page_uri %s", next).isTrue());
            page = page.get().next().toCompletableFuture().get();
        }

        List<String> newestFirst = new ArrayList<>(createdIds);
        Collections.reverse(newestFirst);
        assertThat(seenIds).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void getAfterDeleteRaisesResourceNotFound() throws Exception {
        AgentIngress created = agentIngresses.create(Unique.domain("connect")).blockingCall();

        agentIngresses.delete(created.getId()).blockingCall();

        assertThatThrownBy(() -> agentIngresses.get(created.getId()).blockingCall())
                .isInstanceOfSatisfying(NgrokApiError.class, error -> {
                    assertThat(error.getHttpStatusCode()).isEqualTo(404);
                    assertThat(error.getMessage()).isEqualTo("Resource not found");
                    assertThat(error.getErrorCode()).isEmpty();
                    assertThat(error.getDetails()).containsKey("operation_id");
                });
    }

    @Test
    void createWithDuplicateDomainRaisesErrNgrok6706() throws Exception {
        String domain = Unique.domain("connect");
        agentIngresses.create(domain).blockingCall();

        assertThatThrownBy(() -> agentIngresses.create(domain).blockingCall())
                .isInstanceOfSatisfying(NgrokApiError.class, error -> {
                    assertThat(error.getHttpStatusCode()).isEqualTo(400);
                    assertThat(error.getErrorCode()).contains("ERR_NGROK_6706");
                    assertThat(error.isErrorCode("ERR_NGROK_6706")).isTrue();
                    assertThat(error.getMessage()).contains(domain);
                    assertThat(error.getDetails()).containsKey("operation_id");
                });
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private static void assertIsRecentUtcSecond(OffsetDateTime createdAt) {
        assertThat(createdAt.getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(createdAt.getNano()).as("second precision").isZero();
        assertThat(createdAt.toInstant()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    }
}
