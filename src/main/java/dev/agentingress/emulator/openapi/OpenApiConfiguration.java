package dev.agentingress.emulator.openapi;

import java.time.Duration;
import java.time.Instant;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.ServerBaseUrlCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.ServletServerHttpRequest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.agentingress.emulator.AgentIngressEmulatorApplication;
import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.BaseUrl;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.api.PathKind;
import dev.agentingress.emulator.api.PublicUrls;
import dev.agentingress.emulator.api.QueryParameters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;

/**
 * The OpenAPI document at {@code /v3/api-docs} and its Swagger UI at {@code /swagger-ui.html}. The document is shaped
 * like ngrok's own (operation IDs, schema names, snake_case properties, the {@code Ngrok-Version} header, bearer
 * authentication), so that it can stand in for ngrok's in a code generator or a browser.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** ngrok's resources; the {@code /_emulator} controls have a group of their own. */
    static final String NGROK_PATHS = "/agent_ingresses/**";

    static {
        // handler arguments resolved from the request (the bearer token, the query string, the address), not parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Account.class, BaseUrl.class, PageParameters.class,
                QueryParameters.class);
        // ngrok's document types its times as plain strings (RFC 3339, its descriptions say), and generators follow it
        SpringDocUtils.getConfig().replaceWithSchema(Instant.class, new StringSchema().example("2025-09-04T10:11:37Z"));
        SpringDocUtils.getConfig().replaceWithSchema(Duration.class, new StringSchema().example("PT1H"));
    }

    @Bean
    OpenAPI emulatorOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Agent Ingress emulator")
                .description("""
                        ngrok's REST API for Agent Ingresses, answered as api.ngrok.com answers it, by a local \
                        emulator. Every request needs `Ngrok-Version: 2` and a bearer token: in the default open \
                        mode any token works and names its own account.""")
                // the version of ngrok's API this document describes: the value of the Ngrok-Version header
                .version(NgrokApiDocumentation.VERSION));
    }

    @Bean
    GroupedOpenApi ngrokApi() {
        return GroupedOpenApi.builder()
                .group("ngrok")
                .displayName("ngrok API")
                .pathsToMatch(NGROK_PATHS)
                .build();
    }

    /**
     * The default document ({@code /v3/api-docs}) is ngrok's API alone, so that code generators see what ngrok serves;
     * the controls are in their own group. (Applies to the default document only, not to the groups.)
     */
    @Bean
    OpenApiCustomizer onlyNgrokInTheDefaultDocument() {
        return openApi -> {
            openApi.getPaths().keySet().removeIf(path -> PathKind.of(path) == PathKind.CONTROLS);
            ReferencedSchemas.keepOnlyReferenced(openApi);
        };
    }

    /** The emulator's test controls: bearer token as for the API, no {@code Ngrok-Version}. */
    @Bean
    GroupedOpenApi emulatorControls() {
        return GroupedOpenApi.builder()
                .group("emulator")
                .displayName("Emulator test controls")
                .pathsToMatch(PathKind.CONTROLS_PREFIX + "/**")
                .build();
    }

    @Bean
    NgrokApiDocumentation ngrokApiDocumentation() {
        return new NgrokApiDocumentation(NGROK_PATHS);
    }

    /**
     * The emulator itself is the server, at the same base as the absolute URLs in its responses: the request's own
     * address, or {@code emulator.public-base-url} behind a proxy.
     */
    @Bean
    ServerBaseUrlCustomizer emulatorAsServer(PublicUrls publicUrls) {
        return (calculated, request) -> request instanceof ServletServerHttpRequest servletRequest
                ? publicUrls.baseUrl(servletRequest.getServletRequest()).url()
                : calculated;
    }

    /**
     * Schemas as ngrok names them. swagger-core reads the records with its own Jackson 2 mapper, which does not see
     * the application's Jackson 3 configuration ({@code JsonConfiguration}): it is told snake_case here. Ordered
     * first so that it replaces swagger-core's default resolver at the end of the chain, behind springdoc's own
     * converters.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ModelResolver ngrokModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE),
                new NgrokSchemaNames(AgentIngressEmulatorApplication.class.getPackageName()));
    }
}
