package dev.agentingress.emulator.controls.faults;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.PathKind;
import dev.agentingress.emulator.api.error.ControlDocs;
import dev.agentingress.emulator.api.error.NgrokErrors;

/** The caller's fault rules: add one, list them, drop one or all. */
@RestController
@RequestMapping(FaultController.PATH)
@ControlDocs("fault-rules")
class FaultController {

    static final String PATH = PathKind.CONTROLS_PREFIX + "/faults";

    private final FaultRules rules;

    FaultController(FaultRules rules) {
        this.rules = rules;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    FaultRuleResponse add(Account account, @Valid @RequestBody FaultRuleCreate body) {
        return rules.add(account, body).toResponse();
    }

    @GetMapping
    FaultRuleListResponse list(Account account) {
        return new FaultRuleListResponse(rules.list(account).stream().map(FaultRule::toResponse).toList());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear(Account account) {
        rules.clear(account);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Account account, @PathVariable String id) {
        if (!rules.remove(account, id)) {
            throw NgrokErrors.resourceNotFound();
        }
    }
}
