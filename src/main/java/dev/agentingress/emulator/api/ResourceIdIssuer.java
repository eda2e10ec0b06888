package dev.agentingress.emulator.api;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues resource IDs ({@code agin_<KSUID>}) in strict creation order across every instance that shares the database
 * and across restarts: each ID follows the last one issued for its prefix, read under a row lock that the creating
 * transaction holds until it commits (or, on failure, rolls back along with the ID).
 */
@Component
public class ResourceIdIssuer {

    private final ResourceIdClockRepository clocks;
    private final KsuidGenerator ksuids;

    ResourceIdIssuer(ResourceIdClockRepository clocks, KsuidGenerator ksuids) {
        this.clocks = clocks;
        this.ksuids = ksuids;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public String issue(String prefix) {
        ResourceIdClock clock = clocks.lockByPrefix(prefix)
                .orElseThrow(() -> new IllegalStateException("no ID clock row for prefix " + prefix));
        String next = ksuids.nextAfter(clock.lastKsuid());
        clock.advanceTo(next);
        return prefix + "_" + next;
    }

    /** The creation time an ID carries. */
    public static Instant timestampOf(String id) {
        return Ksuid.timestampOf(id.substring(id.indexOf('_') + 1));
    }
}
