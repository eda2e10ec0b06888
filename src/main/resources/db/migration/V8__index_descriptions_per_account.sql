-- Serves a list filtered on the description (obj.description == "…" or in […]), which the database decides: it finds
-- the account's matching rows through this index instead of reading the account newest first until the page is full.
-- Metadata gets none: at up to 4 KiB a value would not fit a PostgreSQL B-tree entry. The domain's own unique index
-- already finds a domain.
CREATE INDEX agent_ingresses_account_description_idx ON agent_ingresses (account, description);
