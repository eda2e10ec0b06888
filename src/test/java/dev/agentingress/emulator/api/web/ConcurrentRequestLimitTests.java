package dev.agentingress.emulator.api.web;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountResolver;
import dev.agentingress.emulator.api.error.NgrokErrorWriter;
import dev.agentingress.emulator.api.error.RequestLimits;
import dev.agentingress.emulator.config.EmulatorProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API filter's per-account limit on requests running at once: the request past the limit is ngrok's 429
 * ERR_NGROK_225 while the others of its account still run; another account is not touched, and a finished request
 * frees its place.
 */
class ConcurrentRequestLimitTests {

    private final AccountResolver accounts = mock(AccountResolver.class);
    private final NgrokApiFilter filter =
            new NgrokApiFilter(accounts, new NgrokErrorWriter(JsonMapper.builder().build()),
                    EmulatorProperties.VersionHeader.STRICT,
                    new ApiRateLimiter(new EmulatorProperties.RateLimit(false, 120, Duration.ofMinutes(1), 5000),
                            System::nanoTime),
                    new ConcurrentRequestLimit(2), new BodyLimit(RequestLimits.MAX_BODY_BYTES));

    ConcurrentRequestLimitTests() {
        when(accounts.resolve(anyString())).thenAnswer(call -> new Account(call.getArgument(0)));
    }

    @Test
    void requestBeyondTheAccountsLimitIs429Err225WhileAnotherAccountGoesOn() throws Exception {
        List<MockHttpServletResponse> inside = new ArrayList<>();
        // two requests of account a are running (nested chains hold their places), then a third of a and one of b
        // arrive
        run("a", (request, response) -> run("a", (request2, response2) -> {
            inside.add(run("a", (r, s) -> {
            }));
            inside.add(run("b", (r, s) -> {
            }));
        }));

        assertThatNgrokError(inside.get(0)).hasStatus(429).hasCode("ERR_NGROK_225")
                .hasMessageContaining("Your account is limited to 2 simultaneous API requests.");
        assertThat(inside.get(1).getStatus()).isEqualTo(200);
    }

    @Test
    void finishedRequestsGiveTheirPlacesBack() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(run("a", (request, response) -> {
            }).getStatus()).isEqualTo(200);
        }
        assertThat(run("a", (request, response) -> {
            throw new IllegalStateException("a handler failed");
        }, true).getStatus()).isEqualTo(200);
        assertThat(run("a", (request, response) -> run("a", (r, s) -> {
        })).getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse run(String token, FilterChain inner) throws IOException, ServletException {
        return run(token, inner, false);
    }

    private MockHttpServletResponse run(String token, FilterChain inner, boolean failureExpected)
            throws IOException, ServletException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/agent_ingresses");
        request.addHeader("Authorization", "Bearer " + token);
        request.addHeader("Ngrok-Version", "2");
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            }, (req, res, chain) -> inner.doFilter(req, res)));
        } catch (IllegalStateException e) {
            if (!failureExpected) {
                throw e;
            }
        }
        return response;
    }
}
