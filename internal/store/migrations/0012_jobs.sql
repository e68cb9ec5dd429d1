-- Background jobs of `wei serve`: one row per job name. An instance runs a
-- job only after claiming its row with one conditional UPDATE, so several
-- instances sharing a database never run the same job at the same time.
-- Times are BIGINT Unix milliseconds (UTC); 0 means never.
CREATE TABLE jobs (
    name             TEXT PRIMARY KEY,
    every_ms         BIGINT NOT NULL DEFAULT 0,
    next_run_at      BIGINT NOT NULL DEFAULT 0,
    running_by       TEXT NOT NULL DEFAULT '',
    lease_until      BIGINT NOT NULL DEFAULT 0,
    started_at       BIGINT NOT NULL DEFAULT 0,
    last_run_at      BIGINT NOT NULL DEFAULT 0,
    last_duration_ms BIGINT NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    runs             BIGINT NOT NULL DEFAULT 0,
    failures         BIGINT NOT NULL DEFAULT 0
);
