-- Work that runs later, on whichever app server claims it first (`server::jobs`). A claim sets
-- `locked_by` and a lease (`locked_until`); a running job whose lease ran out (its server died)
-- is claimed again. Recurring jobs have a `schedule` (one row per schedule, rescheduled after
-- each run); one-off jobs have none. Timestamps are UTC RFC 3339 text written by the app.
CREATE TABLE jobs (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL DEFAULT '{}',
    status        TEXT NOT NULL
                  CHECK (status IN ('queued', 'running', 'failed', 'dead', 'succeeded', 'cancelled')),
    schedule      TEXT UNIQUE,
    every_secs    INTEGER,
    attempts      INTEGER NOT NULL DEFAULT 0,
    max_attempts  INTEGER NOT NULL,
    run_at        TEXT NOT NULL,
    locked_by     TEXT,
    locked_until  TEXT,
    last_error    TEXT,
    created_at    TEXT NOT NULL,
    finished_at   TEXT
);
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE INDEX jobs_kind ON jobs (kind, status);
