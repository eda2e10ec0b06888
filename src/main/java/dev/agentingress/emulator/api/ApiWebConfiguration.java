package dev.agentingress.emulator.api;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * Wires ngrok's request contract into the servlet chain, in ngrok's order: operation IDs, routes, CORS, then
 * authentication, version and body checks (see {@link ApiFilterOrder}).
 */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

    /** Where ngrok's operation interceptors never run: the emulator's controls and what is not ngrok's API. */
    private static final String[] OUTSIDE_NGROK_OPERATIONS = {EmulatorControls.PREFIX + "/**", "/actuator/**",
            "/v3/api-docs*/**", "/swagger-ui*/**", "/error"};

    private final ObjectProvider<NgrokOperationInterceptor> operationInterceptors;

    ApiWebConfiguration(ObjectProvider<NgrokOperationInterceptor> operationInterceptors) {
        this.operationInterceptors = operationInterceptors;
    }

    @Bean
    FilterRegistrationBean<OperationIdFilter> operationIdFilter(KsuidGenerator ids) {
        return registration(new OperationIdFilter(ids), ApiFilterOrder.OPERATION_ID);
    }

    @Bean
    FilterRegistrationBean<NgrokRouteFilter> ngrokRouteFilter(
            @Qualifier("requestMappingHandlerMapping") HandlerMapping routes, NgrokErrorWriter errors) {
        return registration(new NgrokRouteFilter(routes, errors), ApiFilterOrder.ROUTE);
    }

    /** ngrok's CORS: the origin echoed, credentials allowed, requested headers echoed, preflights cached 10 min. */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(NgrokErrorWriter errors) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.addAllowedOriginPattern("*");
        cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
        cors.addAllowedHeader("*");
        cors.addExposedHeader(OperationIdFilter.HEADER);
        cors.setAllowCredentials(true);
        cors.setMaxAge(600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new NgrokCorsProcessor(errors));
        return registration(filter, ApiFilterOrder.CORS);
    }

    @Bean
    FilterRegistrationBean<NgrokApiFilter> ngrokApiFilter(AccountResolver accounts, NgrokErrorWriter errors,
            EmulatorProperties properties) {
        ApiRateLimiter rateLimiter = new ApiRateLimiter(properties.rateLimit(), System::nanoTime);
        return registration(new NgrokApiFilter(accounts, errors, properties.versionHeader(), rateLimiter),
                ApiFilterOrder.API_CHECKS);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        operationInterceptors.orderedStream().forEach(interceptor -> registry.addInterceptor(interceptor)
                .excludePathPatterns(OUTSIDE_NGROK_OPERATIONS));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AccountArgumentResolver());
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
