package dev.agentingress.emulator.agentingress;

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
import dev.agentingress.emulator.api.BaseUrl;
import dev.agentingress.emulator.api.PageOf;
import dev.agentingress.emulator.api.PageParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * ngrok's {@code /agent_ingresses} operations. Authentication and headers were checked by the API filter, and the
 * query string against what each handler accepts before it runs.
 */
@RestController
@Tag(name = "AgentIngresses", description = "Agent Ingresses, the dashboard's Connect URLs")
@RequestMapping(AgentIngressRepresentation.COLLECTION_PATH)
class AgentIngressController {

    private final AgentIngressService service;
    private final AgentIngressRepresentation representation;

    AgentIngressController(AgentIngressService service, AgentIngressRepresentation representation) {
        this.service = service;
        this.representation = representation;
    }

    @PostMapping
    @Operation(operationId = "AgentIngressesCreate", summary = "Create")
    @ResponseStatus(HttpStatus.CREATED)
    AgentIngressResponse create(Account account, @RequestBody AgentIngressCreate body, BaseUrl base) {
        return representation.of(service.create(account, body), base);
    }

    @GetMapping
    @Operation(operationId = "AgentIngressesList", summary = "List")
    AgentIngressListResponse list(Account account, @PageOf(AgentIngress.ID_PREFIX) PageParameters page, BaseUrl base) {
        return representation.of(service.list(account, page), page, base);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "AgentIngressesGet", summary = "Get")
    AgentIngressResponse get(Account account, @PathVariable String id, BaseUrl base) {
        return representation.of(service.get(account, id), base);
    }

    @PatchMapping("/{id}")
    @Operation(operationId = "AgentIngressesUpdate", summary = "Update")
    AgentIngressResponse update(Account account, @PathVariable String id, @RequestBody AgentIngressUpdate body,
            BaseUrl base) {
        return representation.of(service.update(account, id, body), base);
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "AgentIngressesDelete", summary = "Delete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Account account, @PathVariable String id) {
        service.delete(account, id);
    }
}
