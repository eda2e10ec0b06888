-- ngrok's rate limit across instances: per account, the window that started with its first request counted
-- (milliseconds since the epoch, by the instances' clocks) and the requests counted in it. An instance counts a request
-- with an UPDATE that only changes the row while the window has room, so the instances together never let more than
-- the limit through in one window.
CREATE TABLE rate_limit_windows (
    account    VARCHAR(128) NOT NULL PRIMARY KEY,
    started_ms BIGINT       NOT NULL,
    hits       INTEGER      NOT NULL
);
