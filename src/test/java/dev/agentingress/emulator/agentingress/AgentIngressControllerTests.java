package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountResolver;
import dev.agentingress.emulator.api.HashedAccounts;
import dev.agentingress.emulator.api.NgrokOperations;
import dev.agentingress.emulator.api.PublicUrls;
import dev.agentingress.emulator.api.error.NgrokErrorWriter;
import dev.agentingress.emulator.config.EmulatorClock;
import dev.agentingress.emulator.config.EmulatorProperties;
import dev.agentingress.emulator.ids.KsuidGenerator;
import io.restassured.path.json.JsonPath;

/**
 * The controller in an MVC slice with the service mocked, to reach what a black-box test cannot: an unexpected
 * failure inside a handler must come out as ngrok's envelope with status 500 (spec §9.4.5), never Spring's error
 * JSON, the exception's message or a stack trace. The slice runs the registered filters, so requests carry ngrok's
 * headers.
 */
@WebMvcTest(AgentIngressController.class)
@EnableConfigurationProperties(EmulatorProperties.class)
@Import({AgentIngressRepresentation.class, PublicUrls.class, KsuidGenerator.class, AccountResolver.class,
        NgrokErrorWriter.class, EmulatorClock.class, NgrokOperations.class, AgentIngressControllerTests.ClockForTheSlice.class})
class AgentIngressControllerTests {

    private static final String ID = "agin_2fmnypjq2RAXIuNjjqzRmI3T7zy";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private AgentIngressService service;

    /** Its secret lives in the database, which the slice has not got. */
    @MockitoBean
    private HashedAccounts hashedAccounts;

    @BeforeEach
    void everyTokenIsOneAccount() {
        when(hashedAccounts.of(any())).thenReturn(new Account("slice-account"));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockForTheSlice {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Test
    void unexpectedExceptionInGetIs500InNgroksEnvelopeWithoutItsMessage() throws Exception {
        when(service.get(any(), any())).thenThrow(new IllegalStateException("boom"));

        MockHttpServletResponse response = perform(get("/agent_ingresses/" + ID)
                .header("Authorization", "Bearer k_test").header("Ngrok-Version", "2"));

        verify(service).get(any(), eq(ID));
        assertInternalErrorEnvelope(response, "boom", "IllegalStateException");
    }

    @Test
    void unexpectedDataAccessFailureInCreateIs500InNgroksEnvelopeWithoutItsMessage() throws Exception {
        when(service.create(any(), any())).thenThrow(new DataAccessResourceFailureException("database is down"));

        MockHttpServletResponse response = perform(post("/agent_ingresses")
                .header("Authorization", "Bearer k_test").header("Ngrok-Version", "2")
                .contentType(MediaType.APPLICATION_JSON).content("{\"domain\":\"connect.acme-test.com\"}"));

        verify(service).create(any(), any());
        assertInternalErrorEnvelope(response, "database is down", "DataAccessResourceFailureException");
    }

    @Test
    void unexpectedExceptionIsAnsweredAsJsonEvenWhenHtmlIsAccepted() throws Exception {
        when(service.get(any(), any())).thenThrow(new IllegalStateException("boom"));

        MockHttpServletResponse response = perform(get("/agent_ingresses/" + ID).accept(MediaType.TEXT_HTML)
                .header("Authorization", "Bearer k_test").header("Ngrok-Version", "2"));

        assertInternalErrorEnvelope(response, "boom", "IllegalStateException");
    }

    private MockHttpServletResponse perform(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static void assertInternalErrorEnvelope(MockHttpServletResponse response, String... secrets)
            throws Exception {
        assertThat(response.getStatus()).isEqualTo(500);
        MediaType type = MediaType.parseMediaType(response.getContentType());
        assertThat(type.getType() + "/" + type.getSubtype()).isEqualTo("application/json");
        assertThat(type.getCharset()).isEqualTo(StandardCharsets.UTF_8);
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        for (String secret : secrets) {
            assertThat(body).doesNotContain(secret);
        }
        assertThat(body).doesNotContain("\tat ").doesNotContain("Exception");
        Map<String, Object> json = JsonPath.from(body).getMap("$");
        assertThat(Set.of("error_code", "status_code", "msg", "details")).containsAll(json.keySet());
        assertThat(json.keySet()).containsAll(List.of("status_code", "msg", "details"));
        assertThat(json.get("status_code")).isEqualTo(500);
        assertThat((String) json.get("msg")).isNotBlank();
        Map<?, ?> details = (Map<?, ?>) json.get("details");
        assertThat(details.values()).allSatisfy(value -> assertThat(value).isInstanceOf(String.class));
        String operationId = response.getHeader("Ngrok-Operation-Id");
        assertThat(operationId).matches("op_[0-9A-Za-z]{27}");
        assertThat(details.get("operation_id")).isEqualTo(operationId);
    }
}
