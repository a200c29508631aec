-- Tenancy (platform -> partners -> organizations -> users), memberships, sessions, audit log,
-- and inbound contact requests from the public site. Timestamps are UTC RFC 3339 text.

CREATE TABLE partners (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE organizations (
    id           INTEGER PRIMARY KEY,
    partner_id   INTEGER REFERENCES partners (id) ON DELETE RESTRICT,
    slug         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'trial'
                 CHECK (status IN ('trial', 'active', 'past_due', 'cancelled', 'pending_deletion')),
    archived_at  TEXT,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX organizations_partner_id ON organizations (partner_id);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    password_hash  TEXT,
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'invited', 'disabled')),
    last_login_at  TEXT,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));

-- One row per (user, scope, role). The CHECK ties each role to the scope it belongs to.
CREATE TABLE memberships (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope            TEXT NOT NULL CHECK (scope IN ('platform', 'partner', 'organization')),
    partner_id       INTEGER REFERENCES partners (id) ON DELETE CASCADE,
    organization_id  INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    role             TEXT NOT NULL,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK (
        (scope = 'platform' AND partner_id IS NULL AND organization_id IS NULL
            AND role IN ('admin', 'csm', 'analyst'))
        OR (scope = 'partner' AND partner_id IS NOT NULL AND organization_id IS NULL
            AND role IN ('partner_admin', 'partner_member'))
        OR (scope = 'organization' AND partner_id IS NULL AND organization_id IS NOT NULL
            AND role IN ('owner', 'member'))
    )
);
CREATE UNIQUE INDEX memberships_user_scope
    ON memberships (user_id, scope, coalesce(partner_id, 0), coalesce(organization_id, 0));
CREATE INDEX memberships_partner_id ON memberships (partner_id);
CREATE INDEX memberships_organization_id ON memberships (organization_id);

-- tower-sessions-sqlx-store's layout (SqliteStore::with_table_name("sessions")).
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY NOT NULL,
    data         BLOB NOT NULL,
    expiry_date  INTEGER NOT NULL
);
CREATE INDEX sessions_expiry_date ON sessions (expiry_date);

-- Append-only: rows are never updated, so there is no updated_at.
CREATE TABLE audit_log (
    id               INTEGER PRIMARY KEY,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor_user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor_label      TEXT NOT NULL,
    partner_id       INTEGER REFERENCES partners (id) ON DELETE CASCADE,
    organization_id  INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    action           TEXT NOT NULL,
    target_type      TEXT,
    target_id        TEXT,
    detail           TEXT,
    ip               TEXT,
    request_id       TEXT
);
CREATE INDEX audit_log_created_at ON audit_log (created_at);
CREATE INDEX audit_log_partner_id ON audit_log (partner_id, created_at);
CREATE INDEX audit_log_organization_id ON audit_log (organization_id, created_at);
CREATE INDEX audit_log_actor_user_id ON audit_log (actor_user_id, created_at);

-- "Talk to us" requests from the public site, read by platform staff.
CREATE TABLE contact_requests (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    company     TEXT NOT NULL,
    team_size   TEXT NOT NULL,
    message     TEXT NOT NULL,
    ip          TEXT,
    handled_at  TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX contact_requests_created_at ON contact_requests (created_at);
CREATE INDEX contact_requests_ip ON contact_requests (ip, created_at);
