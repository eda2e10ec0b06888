package dev.agentingress.emulator.agentingress;

import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.BaseUrl;
import dev.agentingress.emulator.api.PathKind;
import dev.agentingress.emulator.api.StreamedBody;
import dev.agentingress.emulator.api.error.ControlDocs;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The emulator's test controls for agent ingresses, on the caller's account only: export and import in the list JSON
 * of ngrok's API, and the certificate provisioning outcomes.
 */
@RestController
@RequestMapping(PathKind.CONTROLS_PREFIX + AgentIngressRepresentation.COLLECTION_PATH)
@ControlDocs("export-and-import")
class AgentIngressControlsController {

    private final AgentIngressService service;
    private final AgentIngressImporter importer;
    private final AgentIngressRepresentation representation;

    AgentIngressControlsController(AgentIngressService service, AgentIngressImporter importer,
            AgentIngressRepresentation representation) {
        this.service = service;
        this.importer = importer;
        this.representation = representation;
    }

    /**
     * Every ingress of the account, in exactly the JSON of {@code GET /agent_ingresses}, in one page, written as it
     * is read (see {@link AgentIngressExport}).
     */
    @GetMapping
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = AgentIngressListResponse.class)))
    AgentIngressExport export(Account account, BaseUrl base) {
        return representation.all(service.all(account), base);
    }

    /**
     * Imports the JSON an export gives (or any list JSON); all or nothing. The body is read as it arrives, its items
     * spooled as they are parsed ({@link ImportedItems}), so its size is bounded by its own setting, not by the heap.
     */
    @PostMapping
    @StreamedBody
    AgentIngressImport.Result importAll(Account account, @RequestBody AgentIngressImport body) {
        return importer.importAll(account, body);
    }

    @PostMapping("/{id}/certificate/issue")
    @ControlDocs("certificates")
    AgentIngressResponse issueCertificate(Account account, @PathVariable String id, BaseUrl base) {
        return representation.of(service.issueCertificate(account, id), base);
    }

    @PostMapping("/{id}/certificate/fail")
    @ControlDocs("certificates")
    AgentIngressResponse failCertificate(Account account, @PathVariable String id,
            @Valid @RequestBody(required = false) @Nullable CertificateFailure body, BaseUrl base) {
        CertificateFailure failure = body == null ? CertificateFailure.DEFAULT : body;
        return representation.of(service.failCertificate(account, id, failure), base);
    }
}
