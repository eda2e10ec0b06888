-- The last ID issued per resource prefix. A create locks its row, so IDs are issued one after another across every
-- instance sharing the database (and across restarts): "newest first" is creation order cluster-wide.
CREATE TABLE resource_id_clocks (
    prefix      VARCHAR(16) NOT NULL PRIMARY KEY,
    last_ksuid  VARCHAR(27) NOT NULL
);

INSERT INTO resource_id_clocks (prefix, last_ksuid) VALUES ('agin', '000000000000000000000000000');
