package dev.agentingress.emulator.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPatternParser;

class RoutesByFirstSegmentTests {

    private static final RequestMappingInfo.BuilderConfiguration PATTERNS =
            new RequestMappingInfo.BuilderConfiguration();

    static {
        PATTERNS.setPatternParser(PathPatternParser.defaultInstance);
    }

    private final RequestMappingInfo list = route(RequestMethod.GET, "/agent_ingresses");
    private final RequestMappingInfo get = route(RequestMethod.GET, "/agent_ingresses/{id}");
    private final RequestMappingInfo journal = route(RequestMethod.GET, "/_emulator/journal");
    private final RequestMappingInfo twoPaths = route(RequestMethod.GET, "/v3/api-docs", "/docs/{page}");
    private final RequestMappingInfo anyFirst = route(RequestMethod.GET, "/{anything}/x");

    private final RoutesByFirstSegment withoutVariableFirst = index(list, get, journal, twoPaths);

    @Test
    void aPathIsAskedOnlyOfTheRoutesOfItsFirstSegment() {
        assertThat(infos(withoutVariableFirst.candidates("/agent_ingresses/agin_1"))).containsExactlyInAnyOrder(list,
                get);
        assertThat(infos(withoutVariableFirst.candidates("/agent_ingresses"))).containsExactlyInAnyOrder(list, get);
        assertThat(infos(withoutVariableFirst.candidates("/_emulator/journal"))).containsExactly(journal);
    }

    @Test
    void aRouteWithSeveralPatternsIsACandidateForEachFirstSegment() {
        assertThat(infos(withoutVariableFirst.candidates("/v3/api-docs"))).containsExactly(twoPaths);
        assertThat(infos(withoutVariableFirst.candidates("/docs/intro"))).containsExactly(twoPaths);
    }

    @Test
    void aRouteWithSeveralPatternsUnderOneFirstSegmentIsACandidateOnce() {
        RequestMappingInfo samePrefix = route(RequestMethod.GET, "/_emulator/clock", "/_emulator/clock/now");
        assertThat(infos(index(samePrefix).candidates("/_emulator/clock"))).containsExactly(samePrefix);
    }

    @Test
    void aFirstSegmentNoRouteHasFindsNone() {
        assertThat(withoutVariableFirst.candidates("/tunnels/x")).isEmpty();
        assertThat(withoutVariableFirst.candidates("/")).isEmpty();
        // the segment is compared whole and case-sensitively, as Spring's patterns compare it
        assertThat(withoutVariableFirst.candidates("/agent_ingressesx")).isEmpty();
        assertThat(withoutVariableFirst.candidates("/Agent_Ingresses")).isEmpty();
    }

    @Test
    void aRouteWhoseFirstSegmentIsNotLiteralIsACandidateForEveryPath() {
        RoutesByFirstSegment index = index(list, get, anyFirst);
        assertThat(infos(index.candidates("/agent_ingresses/agin_1"))).containsExactlyInAnyOrder(list, get, anyFirst);
        assertThat(infos(index.candidates("/tunnels/x"))).containsExactly(anyFirst);
    }

    @Test
    void anEscapedFirstSegmentOrOneWithMatrixParametersIsLeftToTheFullSearch() {
        // Spring matches patterns against decoded segments: /agent%5Fingresses is /agent_ingresses to it
        assertThat(withoutVariableFirst.candidates("/agent%5Fingresses/agin_1")).isNull();
        assertThat(withoutVariableFirst.candidates("/agent_ingresses;x=1/agin_1")).isNull();
    }

    private static RequestMappingInfo route(RequestMethod method, String... paths) {
        return RequestMappingInfo.paths(paths).methods(method).options(PATTERNS).build();
    }

    private static RoutesByFirstSegment index(RequestMappingInfo... infos) {
        Map<RequestMappingInfo, HandlerMethod> routes = new LinkedHashMap<>();
        for (RequestMappingInfo info : infos) {
            routes.put(info, handler());
        }
        return new RoutesByFirstSegment(routes);
    }

    private static HandlerMethod handler() {
        try {
            return new HandlerMethod(new Object(), Object.class.getMethod("toString"));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static List<RequestMappingInfo> infos(List<RoutesByFirstSegment.Route> routes) {
        return routes.stream().map(RoutesByFirstSegment.Route::info).toList();
    }
}
