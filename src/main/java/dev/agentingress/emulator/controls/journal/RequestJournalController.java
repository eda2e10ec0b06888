package dev.agentingress.emulator.controls.journal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.PathKind;
import dev.agentingress.emulator.api.QueryParameters;
import dev.agentingress.emulator.api.error.NgrokErrors;

/** {@code /_emulator/journal}: the caller's recent requests to ngrok's API, newest first, and clearing them. */
@RestController
@RequestMapping(RequestJournalController.PATH)
class RequestJournalController {

    static final String PATH = PathKind.CONTROLS_PREFIX + "/journal";

    private final RequestJournal journal;

    RequestJournalController(RequestJournal journal) {
        this.journal = journal;
    }

    @GetMapping
    JournalResponse list(Account account, HttpServletRequest request) {
        requireEnabled();
        JournalQuery query = JournalQuery.from(QueryParameters.of(request, JournalQuery.NAMES),
                journal.settings().maxEntriesPerAccount());
        List<JournalEntry> matching = journal.newestFirst(account).stream()
                .filter(query::matches)
                .limit(query.limit())
                .toList();
        return new JournalResponse(matching);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear(Account account, HttpServletRequest request) {
        requireEnabled();
        QueryParameters.requireNone(request);
        journal.clear(account);
    }

    /** Off, the journal answers rather than looking empty, so a test does not pass for the wrong reason. */
    private void requireEnabled() {
        if (!journal.settings().enabled()) {
            throw NgrokErrors.plainStatus(404, "The request journal is off (emulator.journal.enabled=false).");
        }
    }

    /** The journal's JSON: {@code {"requests": [...]}}, newest first. */
    record JournalResponse(List<JournalEntry> requests) {
    }
}
