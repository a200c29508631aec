-- Sign-in state: one row per signed-in browser (the tower-sessions record points at it), rate-limit
-- counts, single-use links, and outgoing e-mail. Timestamps are written by the
-- application (UTC RFC 3339 text), so comparisons with bound values line up.

CREATE TABLE logins (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    ip            TEXT,
    user_agent    TEXT
);
CREATE INDEX logins_user_id ON logins (user_id);
CREATE INDEX logins_expires_at ON logins (expires_at);

-- Counted attempts for rate limits: failed sign-ins and password checks ('sign_in'), reset-link
-- requests ('password_reset'). Keyed by account e-mail and by client address.
CREATE TABLE rate_limit_events (
    id          INTEGER PRIMARY KEY,
    action      TEXT NOT NULL CHECK (action IN ('sign_in', 'password_reset')),
    email       TEXT NOT NULL,
    ip          TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX rate_limit_events_email ON rate_limit_events (action, email, created_at);
CREATE INDEX rate_limit_events_ip ON rate_limit_events (action, ip, created_at);

-- Invitation, password-reset and e-mail-change links. Only a SHA-256 of the token is kept.
CREATE TABLE one_time_tokens (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset', 'email_change')),
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email   TEXT,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);
CREATE INDEX one_time_tokens_user_id ON one_time_tokens (user_id, purpose);

CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    recipient   TEXT NOT NULL,
    template    TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body_text   TEXT NOT NULL,
    body_html   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    sent_at     TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT
);
CREATE INDEX outbox_created_at ON outbox (created_at);
CREATE INDEX outbox_unsent ON outbox (sent_at, attempts);
