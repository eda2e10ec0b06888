-- KSUIDs order by byte value; a linguistic collation (en_US and most others) would interleave upper and lower
-- case and break "newest first". H2 already compares strings by code point.
ALTER TABLE agent_ingresses ALTER COLUMN id TYPE VARCHAR(32) COLLATE "C";
