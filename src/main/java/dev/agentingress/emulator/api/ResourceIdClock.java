package dev.agentingress.emulator.api;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last KSUID issued for one resource prefix; its row lock orders creates across instances. */
@Entity
@Table(name = "resource_id_clocks")
class ResourceIdClock {

    @Id
    private String prefix;
    private String lastKsuid;

    @SuppressWarnings("NullAway.Init")
    protected ResourceIdClock() {
    }

    String lastKsuid() {
        return lastKsuid;
    }

    void advanceTo(String ksuid) {
        this.lastKsuid = ksuid;
    }
}
