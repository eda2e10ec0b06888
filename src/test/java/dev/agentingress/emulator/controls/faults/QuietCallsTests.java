package dev.agentingress.emulator.controls.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.config.ControlChanges;

class QuietCallsTests {

    private final ControlChanges changes = new ControlChanges();
    private final QuietCalls quiet = new QuietCalls(changes);

    @Test
    void aCallThatFoundNothingIsQuietUntilTheNextChange() {
        long before = quiet.changesSoFar();
        assertThat(quiet.isQuiet("a", "AgentIngressesGet", before)).isFalse();

        quiet.found("a", "AgentIngressesGet", before, true);
        assertThat(quiet.isQuiet("a", "AgentIngressesGet", quiet.changesSoFar())).isTrue();
        assertThat(quiet.isQuiet("a", "AgentIngressesList", quiet.changesSoFar())).isFalse();
        assertThat(quiet.isQuiet("b", "AgentIngressesGet", quiet.changesSoFar())).isFalse();

        changes.changed();
        assertThat(quiet.isQuiet("a", "AgentIngressesGet", quiet.changesSoFar())).isFalse();
    }

    @Test
    void aQueryThatRanWhileAControlChangedIsNotKept() {
        long before = quiet.changesSoFar();
        changes.changed();
        quiet.found("a", "AgentIngressesGet", before, true);
        assertThat(quiet.isQuiet("a", "AgentIngressesGet", quiet.changesSoFar())).isFalse();
    }

    @Test
    void aCallThatFoundARuleOrAClockIsNeverQuiet() {
        quiet.found("a", "AgentIngressesGet", quiet.changesSoFar(), false);
        assertThat(quiet.isQuiet("a", "AgentIngressesGet", quiet.changesSoFar())).isFalse();
    }

    /** On a shared database, while this instance cannot read the barrier: the others' changes may not reach it. */
    @Test
    void whileCachesAreNotTrustedEveryCallAsks() {
        QuietCalls shared = new QuietCalls(new ControlChanges() {
            @Override
            public boolean cachesTrusted() {
                return false;
            }
        });
        shared.found("a", "AgentIngressesGet", shared.changesSoFar(), true);
        assertThat(shared.isQuiet("a", "AgentIngressesGet", shared.changesSoFar())).isFalse();
    }

    @Test
    void pastItsBoundTheSetStartsAgain() {
        long now = quiet.changesSoFar();
        for (int i = 0; i < QuietCalls.MAX_CALLS; i++) {
            quiet.found("account-" + i, "AgentIngressesGet", now, true);
        }
        assertThat(quiet.isQuiet("account-0", "AgentIngressesGet", now)).isTrue();
        quiet.found("one-more", "AgentIngressesGet", now, true);
        assertThat(quiet.isQuiet("account-0", "AgentIngressesGet", now)).isFalse();
        assertThat(quiet.isQuiet("one-more", "AgentIngressesGet", now)).isTrue();
    }
}
