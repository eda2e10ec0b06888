-- The instances on this database, so that a change one makes can wait until every other has taken it in. A change
-- that others may have cached (a control they remember as unset) raises the barrier and waits until every live
-- instance has acknowledged it; an instance acknowledges a barrier after it has dropped what it cached.
CREATE TABLE emulator_barrier (
    id     INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    raised BIGINT  NOT NULL
);
INSERT INTO emulator_barrier (id, raised) VALUES (1, 0);

-- One row per running instance: the newest barrier it acknowledged, and when it last said so (it does at least every
-- second). A row not renewed for a while is an instance that stopped, which no change waits for.
CREATE TABLE emulator_instances (
    instance VARCHAR(64)              NOT NULL PRIMARY KEY,
    acked    BIGINT                   NOT NULL,
    seen_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
