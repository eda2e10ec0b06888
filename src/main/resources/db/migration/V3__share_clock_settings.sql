-- The clock settings of the test controls, one row per account that froze or moved its clock, and the operator's
-- setting for every other account under the account '' (no account is named so), so that every instance on the
-- database gives an account the same time. Times are nanoseconds: the frozen instant since the epoch (null for a
-- running clock), and the offset a running clock adds to the real time (0 when frozen). Both fit a BIGINT over the
-- whole range an ID's time can hold.
CREATE TABLE emulator_clocks (
    account      VARCHAR(128) NOT NULL PRIMARY KEY,
    frozen_nanos BIGINT,
    offset_nanos BIGINT       NOT NULL
);
