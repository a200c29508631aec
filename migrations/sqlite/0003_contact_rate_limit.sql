-- "Talk to us" requests are limited per client address by the same counter as sign-ins
-- (`throttle::CONTACT`). SQLite cannot change a CHECK in place: the table is rebuilt, keeping
-- its rows (they only matter for the next hour).
CREATE TABLE rate_limit_events_new (
    id          INTEGER PRIMARY KEY,
    action      TEXT NOT NULL CHECK (action IN ('sign_in', 'password_reset', 'contact')),
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
