package dev.agentingress.emulator.controls.journal;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.agentingress.emulator.api.AcceptsQuery;
import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.PathKind;
import dev.agentingress.emulator.api.QueryParameters;
import dev.agentingress.emulator.api.error.ControlDocs;

/** {@code /_emulator/journal}: the caller's recent requests to ngrok's API, newest first, and clearing them. */
@RestController
@RequestMapping(RequestJournalController.PATH)
@ControlDocs("request-journal")
class RequestJournalController {

    static final String PATH = PathKind.CONTROLS_PREFIX + "/journal";

    private final RequestJournal journal;

    RequestJournalController(RequestJournal journal) {
        this.journal = journal;
    }

    @GetMapping
    @AcceptsQuery({"operation_id", "status", "path", "operation", "limit"})
    JournalResponse list(Account account, QueryParameters parameters) {
        JournalQuery query = JournalQuery.from(parameters, journal.settings().maxEntriesPerAccount());
        return new JournalResponse(journal.newestFirst(account, query));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear(Account account) {
        journal.clear(account);
    }

    /** The journal's JSON: {@code {"requests": [...]}}, newest first. */
    record JournalResponse(List<JournalEntry> requests) {
    }
}
