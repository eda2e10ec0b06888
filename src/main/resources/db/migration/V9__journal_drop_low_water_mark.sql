-- Where the last drop of an account's oldest entries ended: every entry of the account at or below this seq is gone,
-- so the next drop reads the (account, seq) index from just past it, rather than from its low end over the index
-- entries of rows deleted since the last vacuum (on PostgreSQL, more of them each batch until autovacuum runs).
ALTER TABLE request_journal_accounts ADD COLUMN dropped_through BIGINT DEFAULT 0 NOT NULL;
