package dev.agentingress.emulator.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/** The route check's match is the dispatcher's first answer, and only for the requests the route check matched. */
class RoutedRequestsFirstIntegrationTests extends ApiIntegrationTest {

    @Autowired
    private DispatcherServlet dispatcher;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping routes;

    @Autowired
    private RoutedRequestsFirst routedRequestsFirst;

    @Test
    void theDispatcherAsksForTheRoutedMatchBeforeAnyOtherMapping() {
        // the dispatcher finds its mappings on its first request
        api().get("/agent_ingresses").then().statusCode(200);

        assertThat(dispatcher.getHandlerMappings()).first().isSameAs(routedRequestsFirst);
    }

    @Test
    void aRequestTheRouteCheckMatchedGetsThatMatch() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/agent_ingresses/agin_x");
        ServletRequestPathUtils.parseAndCache(request);
        HandlerMethod matched = ((RoutedHandlerMapping) routes).route(request, true);

        HandlerExecutionChain chain = routedRequestsFirst.getHandler(request);

        assertThat(matched).isNotNull();
        assertThat(chain).isNotNull();
        assertThat(chain.getHandler()).isSameAs(matched);
        assertThat(matched.getMethod().getName()).isEqualTo("get");
    }

    @Test
    void anyOtherRequestIsLeftToTheOtherMappings() throws Exception {
        MockHttpServletRequest health = new MockHttpServletRequest("GET", "/actuator/health");
        MockHttpServletRequest unchecked = new MockHttpServletRequest("GET", "/agent_ingresses");

        assertThat(routedRequestsFirst.getHandler(health)).isNull();
        assertThat(routedRequestsFirst.getHandler(unchecked)).isNull();
    }
}
