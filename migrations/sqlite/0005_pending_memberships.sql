-- A membership offered to an existing account waits for its holder to accept it
-- (`accepted_at` NULL until then). Meanwhile the inviter sees only what they typed
-- (`invited_email`, `invited_name`), never the account's real name, status or last sign-in.
ALTER TABLE memberships ADD COLUMN accepted_at TEXT;
ALTER TABLE memberships ADD COLUMN invited_email TEXT;
ALTER TABLE memberships ADD COLUMN invited_name TEXT;
ALTER TABLE memberships ADD COLUMN invited_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
UPDATE memberships SET accepted_at = created_at;
CREATE INDEX memberships_pending ON memberships (user_id) WHERE accepted_at IS NULL;
