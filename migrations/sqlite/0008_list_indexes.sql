-- The admin lists page through tenants and accounts by name: with these the first pages walk an
-- index instead of sorting the whole table on every request. Partner rows count their live
-- organizations from the index alone.
CREATE INDEX organizations_name ON organizations (lower(name), id);
CREATE INDEX users_name ON users (lower(display_name), id);
DROP INDEX organizations_partner_id;
CREATE INDEX organizations_partner_id ON organizations (partner_id, archived_at);
