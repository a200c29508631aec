-- Two-factor sign-in. `two_factor` holds a user's TOTP secret: while `enabled_at` is NULL it
-- is being set up (shown once as a QR code, turned on by a first valid code). `last_step` is the
-- last 30-second step a code was accepted for, so no code works twice. Recovery codes are stored
-- hashed and used once. `platform_settings` holds deployment-wide switches set by platform
-- admins (`require_two_factor_for_staff`).
CREATE TABLE two_factor (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret      TEXT NOT NULL,
    enabled_at  TEXT,
    last_step   BIGINT,
    created_at  TEXT NOT NULL
);

CREATE TABLE recovery_codes (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    used_at    TEXT,
    UNIQUE (user_id, code_hash)
);

CREATE TABLE platform_settings (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Second-factor codes are limited like passwords (`throttle::SECOND_FACTOR`). SQLite cannot
-- change a CHECK in place: the table is rebuilt, keeping its rows.
CREATE TABLE rate_limit_events_new (
    id          INTEGER PRIMARY KEY,
    action      TEXT NOT NULL
                CHECK (action IN ('sign_in', 'password_reset', 'contact', 'second_factor')),
    email       TEXT NOT NULL,
    ip          TEXT,
    created_at  TEXT NOT NULL
);
INSERT INTO rate_limit_events_new (id, action, email, ip, created_at)
    SELECT id, action, email, ip, created_at FROM rate_limit_events;
DROP TABLE rate_limit_events;
ALTER TABLE rate_limit_events_new RENAME TO rate_limit_events;
CREATE INDEX rate_limit_events_email ON rate_limit_events (action, email, created_at);
CREATE INDEX rate_limit_events_ip ON rate_limit_events (action, ip, created_at);
