package dev.agentingress.emulator.openapi;

import java.util.ArrayList;
import java.util.List;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.agentingress.emulator.api.PageParameters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * What ngrok's operations share and springdoc cannot see in the controllers, stated as ngrok's document states it:
 * bearer authentication and the required {@code Ngrok-Version} header (both checked by the API filter, before any
 * controller), and on list operations the paging query parameters (read from the request, so that unknown ones can be
 * refused). Global, so that the whole document and every group that holds ngrok's paths carry it; paths outside
 * ngrok's API are left alone.
 */
final class NgrokApiDocumentation implements GlobalOpenApiCustomizer {

    /** The only value of {@code Ngrok-Version} that ngrok (and the emulator) accept. */
    static final String VERSION = "2";

    /** ngrok's names for the security scheme and the header parameter in its own document. */
    static final String SECURITY_SCHEME = "authentication";
    static final String VERSION_PARAMETER = "ngrokVersion";

    /** ngrok's list operations are all {@code <Resources>List}, and all page the same way. */
    private static final String LIST_OPERATION_SUFFIX = "List";

    private final PathPattern ngrokPaths;

    NgrokApiDocumentation(String ngrokPaths) {
        this.ngrokPaths = PathPatternParser.defaultInstance.parse(ngrokPaths);
    }

    @Override
    public void customise(OpenAPI openApi) {
        List<Operation> operations = ngrokOperations(openApi);
        if (operations.isEmpty()) {
            return;
        }
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents()
                .addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An ngrok API key. In open mode any token works and is its own account; with "
                                + "`emulator.api-keys` set, only those keys."))
                .addParameters(VERSION_PARAMETER, new HeaderParameter()
                        .name("Ngrok-Version")
                        .required(true)
                        .description("The version of ngrok's API; " + VERSION + " is the only one.")
                        .schema(new IntegerSchema()._default(Integer.valueOf(VERSION))
                                .addEnumItem(Integer.valueOf(VERSION))));
        for (Operation operation : operations) {
            List<Parameter> parameters = new ArrayList<>();
            parameters.add(new Parameter().$ref("#/components/parameters/" + VERSION_PARAMETER));
            if (operation.getParameters() != null) {
                parameters.addAll(operation.getParameters());
            }
            if (operation.getOperationId() != null && operation.getOperationId().endsWith(LIST_OPERATION_SUFFIX)) {
                parameters.addAll(pageParameters());
            }
            operation.setParameters(parameters);
            operation.addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
        }
    }

    private List<Operation> ngrokOperations(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return List.of();
        }
        return openApi.getPaths().entrySet().stream()
                .filter(path -> ngrokPaths.matches(PathContainer.parsePath(path.getKey())))
                .flatMap(path -> path.getValue().readOperations().stream())
                .toList();
    }

    /** In ngrok's order; {@code limit} is a string in ngrok's document too, and read as one. */
    private static List<Parameter> pageParameters() {
        return List.of(
                new QueryParameter().name("before_id").schema(new StringSchema())
                        .description("Lists the items created before this one (IDs sort by creation time): the ID "
                                + "of the last item of the previous page."),
                new QueryParameter().name("limit").schema(new StringSchema())
                        .description("Items per page, 1 to " + PageParameters.MAX_LIMIT + "; "
                                + PageParameters.MAX_LIMIT + " when absent."),
                new QueryParameter().name("filter").schema(new StringSchema())
                        .description("A CEL expression over each item as `obj`, e.g. "
                                + "`obj.domain.endsWith(\".acme.com\")`."));
    }
}
