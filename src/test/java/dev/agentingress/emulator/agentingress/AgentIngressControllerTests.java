package dev.agentingress.emulator.agentingress;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import dev.agentingress.emulator.support.ApiSliceTest;

/**
 * The controller in an MVC slice with the service mocked, to reach what a black-box test cannot: an unexpected
 * failure inside a handler must come out as ngrok's envelope with status 500 (spec §9.4.5), never Spring's error
 * JSON, the exception's message or a stack trace. The slice runs the registered filters, so requests carry ngrok's
 * headers.
 */
@ApiSliceTest(AgentIngressController.class)
@Import(AgentIngressRepresentation.class)
class AgentIngressControllerTests {

    private static final String ID = "agin_2fmnypjq2RAXIuNjjqzRmI3T7zy";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private AgentIngressService service;

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

    private static void assertInternalErrorEnvelope(MockHttpServletResponse response, String... secrets) {
        assertThatNgrokError(response).isNgrokEnvelope().hasStatus(500).doesNotReveal(secrets)
                .doesNotReveal("\tat ", "Exception");
    }
}
