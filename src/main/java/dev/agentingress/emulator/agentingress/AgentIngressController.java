package dev.agentingress.emulator.agentingress;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.PageParameters;
import dev.agentingress.emulator.api.PublicUrls;
import dev.agentingress.emulator.api.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** ngrok's {@code /agent_ingresses} operations. Authentication and headers were checked by the API filter. */
@RestController
@Tag(name = "AgentIngresses", description = "Agent Ingresses, the dashboard's Connect URLs")
@RequestMapping(AgentIngressRepresentation.COLLECTION_PATH)
class AgentIngressController {

    private final AgentIngressService service;
    private final AgentIngressRepresentation representation;
    private final PublicUrls publicUrls;

    AgentIngressController(AgentIngressService service, AgentIngressRepresentation representation,
            PublicUrls publicUrls) {
        this.service = service;
        this.representation = representation;
        this.publicUrls = publicUrls;
    }

    @PostMapping
    @Operation(operationId = "AgentIngressesCreate", summary = "Create")
    @ResponseStatus(HttpStatus.CREATED)
    AgentIngressResponse create(Account account, @RequestBody AgentIngressCreate body, HttpServletRequest request) {
        QueryParameters.requireNone(request);
        return representation.of(service.create(account, body), publicUrls.baseUrl(request));
    }

    @GetMapping
    @Operation(operationId = "AgentIngressesList", summary = "List")
    AgentIngressListResponse list(Account account, HttpServletRequest request) {
        PageParameters page = PageParameters.from(QueryParameters.of(request, PageParameters.NAMES),
                AgentIngress.ID_PREFIX);
        return representation.of(service.list(account, page), page, publicUrls.baseUrl(request));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "AgentIngressesGet", summary = "Get")
    AgentIngressResponse get(Account account, @PathVariable String id, HttpServletRequest request) {
        QueryParameters.requireNone(request);
        return representation.of(service.get(account, id), publicUrls.baseUrl(request));
    }

    @PatchMapping("/{id}")
    @Operation(operationId = "AgentIngressesUpdate", summary = "Update")
    AgentIngressResponse update(Account account, @PathVariable String id, @RequestBody AgentIngressUpdate body,
            HttpServletRequest request) {
        QueryParameters.requireNone(request);
        return representation.of(service.update(account, id, body), publicUrls.baseUrl(request));
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "AgentIngressesDelete", summary = "Delete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Account account, @PathVariable String id, HttpServletRequest request) {
        QueryParameters.requireNone(request);
        service.delete(account, id);
    }
}
