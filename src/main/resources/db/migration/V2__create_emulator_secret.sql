-- The key of the HMAC-SHA256 that turns an API key into the account stored with its rows (open mode, bare
-- configured keys, the admin token), so that a leaked database cannot confirm a guessed key as V1's unsalted SHA-256
-- could. One row: 32 random bytes in hex, made by the first emulator that starts on the database (see HashedAccounts);
-- every later one, and every other instance on a shared database, reads the same.
CREATE TABLE emulator_secret (
    id       INTEGER     NOT NULL PRIMARY KEY CHECK (id = 1),
    hmac_key VARCHAR(64) NOT NULL
);

-- Accounts stored before this migration, under V1's SHA-256 of the API key (64 hex characters; a configured account
-- name of another length keeps its name and is not listed). Each moves to the keyed hash on its owner's first request
-- and then leaves this table; rows stored after this migration are keyed already and never listed.
CREATE TABLE legacy_accounts (
    account VARCHAR(128) NOT NULL PRIMARY KEY
);
INSERT INTO legacy_accounts (account) SELECT DISTINCT account FROM agent_ingresses WHERE CHAR_LENGTH(account) = 64;
