package dev.agentingress.emulator.api.web;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.agentingress.emulator.api.AccountResolver;
import dev.agentingress.emulator.api.ApiFilterOrder;
import dev.agentingress.emulator.api.AsyncHandoff;
import dev.agentingress.emulator.api.NgrokOperationInterceptor;
import dev.agentingress.emulator.api.OperatorOnly;
import dev.agentingress.emulator.api.PublicUrls;
import dev.agentingress.emulator.api.error.NgrokErrorWriter;
import dev.agentingress.emulator.api.error.OperationId;
import dev.agentingress.emulator.config.EmulatorProperties;
import dev.agentingress.emulator.ids.KsuidGenerator;

/**
 * Wires ngrok's request contract into the servlet chain, in ngrok's order: operation IDs, routes, CORS, then
 * authentication, version and body checks (see {@link ApiFilterOrder}).
 */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

    /** What a browser sends as the origin of an opaque context. */
    private static final String NULL_ORIGIN = "null";

    private final ObjectProvider<NgrokOperationInterceptor> operationInterceptors;
    private final PublicUrls publicUrls;
    private final DeclaredQuery declaredQuery = new DeclaredQuery();
    private final OperatorToken operatorToken;

    ApiWebConfiguration(ObjectProvider<NgrokOperationInterceptor> operationInterceptors, PublicUrls publicUrls,
            EmulatorProperties properties) {
        this.operationInterceptors = operationInterceptors;
        this.publicUrls = publicUrls;
        this.operatorToken = new OperatorToken(properties.adminToken());
    }

    /**
     * Spring MVC's adapter, with the query check every handler gets ({@link CheckingHandlerAdapter}), and its handler
     * mapping, which takes the route check's match instead of looking the handler up again
     * ({@link RoutedHandlerMapping}).
     */
    @Bean
    WebMvcRegistrations checkingHandlerAdapter() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
                return new CheckingHandlerAdapter(declaredQuery);
            }

            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new RoutedHandlerMapping();
            }
        };
    }

    @Bean
    RoutedRequestsFirst routedRequestsFirst(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping routes) {
        return new RoutedRequestsFirst((RoutedHandlerMapping) routes);
    }

    @Bean
    FilterRegistrationBean<OperationIdFilter> operationIdFilter(KsuidGenerator ids) {
        return registration(new OperationIdFilter(ids), ApiFilterOrder.OPERATION_ID);
    }

    @Bean
    FilterRegistrationBean<NgrokRouteFilter> ngrokRouteFilter(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping routes, NgrokErrorWriter errors) {
        return registration(new NgrokRouteFilter((RoutedHandlerMapping) routes, errors), ApiFilterOrder.ROUTE);
    }

    /**
     * ngrok's CORS (docs/behaviour.md, "CORS"): the origin echoed, credentials allowed, requested headers echoed,
     * preflights cached 10 min. The emulator's account controls get the same: they act only on the caller's account,
     * with a token the calling page must hold itself (no cookie, so CORS lends a page no authority it lacks), and a
     * test suite in a browser resets and inspects its account from the origin it calls the API from. No grant at all,
     * though, for {@code Origin: null} (sandboxed frames, {@code file:} pages: no origin to trust with credentials) and
     * for the operator's controls: the admin token acts on every account, and no web page has a use for it. Without a
     * grant the request itself is answered as usual, and a preflight gets an empty 200 that a browser reads as a
     * refusal.
     */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(NgrokErrorWriter errors) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.addAllowedOriginPattern("*");
        cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
        cors.addAllowedHeader("*");
        cors.addExposedHeader(OperationId.HEADER);
        cors.setAllowCredentials(true);
        cors.setMaxAge(600L);
        CorsConfigurationSource source = request -> isOperatorControl(request)
                || NULL_ORIGIN.equalsIgnoreCase(request.getHeader(HttpHeaders.ORIGIN)) ? null : cors;
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new NgrokCorsProcessor(errors));
        return registration(filter, ApiFilterOrder.CORS);
    }

    /**
     * By the handler the route check matched ({@link OperatorOnly}; set before CORS runs, and immune to encodings such
     * as {@code %61dmin} that still reach the operator's handlers).
     */
    private static boolean isOperatorControl(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
                && OperatorOnlyInterceptor.isOperatorOnly(handler);
    }

    @Bean
    FilterRegistrationBean<NgrokApiFilter> ngrokApiFilter(AccountResolver accounts, NgrokErrorWriter errors,
            EmulatorProperties properties, JdbcTemplate jdbc) {
        ApiRateLimiter rateLimiter = new ApiRateLimiter(properties.rateLimit(), System::nanoTime,
                new SharedWindows(jdbc, properties.rateLimit(), System::currentTimeMillis));
        ConcurrentRequestLimit concurrency =
                new ConcurrentRequestLimit(properties.requests().maxConcurrentPerAccount());
        BodyLimit bodyLimit = new BodyLimit(properties.importing().maxBodySize().toBytes());
        return registration(
                new NgrokApiFilter(accounts, errors, properties.versionHeader(), rateLimiter, concurrency, bodyLimit),
                ApiFilterOrder.API_CHECKS);
    }

    @Bean
    FilterRegistrationBean<BodyReadingFilter> bodyReadingFilter(NgrokErrorWriter errors, EmulatorProperties properties,
            ScheduledExecutorService parkedRequestTimer) {
        return registration(new BodyReadingFilter(errors, properties.requests().bodyTimeout(), parkedRequestTimer),
                ApiFilterOrder.BODY);
    }

    /**
     * One thread that only wakes parked requests ({@link AsyncHandoff}) when their time is up: a delay's end, a body's
     * deadline. The waiting itself holds no thread; the queue holds at most a task or two per open connection.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService parkedRequestTimer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "parked-request-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new OperatorOnlyInterceptor(operatorToken));
        operationInterceptors.orderedStream()
                .forEach(interceptor -> registry.addInterceptor(new NgrokApiOnlyInterceptor(interceptor)));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AccountArgumentResolver());
        resolvers.add(new RequestArgumentResolver(publicUrls, declaredQuery));
    }

    /** ngrok answers JSON whatever the Accept header says (other media types only where a handler has no JSON). */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.ignoreAcceptHeader(true).defaultContentType(MediaType.APPLICATION_JSON, MediaType.ALL);
    }

    static <T extends jakarta.servlet.Filter> FilterRegistrationBean<T> registration(T filter, int order) {
        FilterRegistrationBean<T> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        return registration;
    }
}
