-- Role keys (docs/security.md) and the content hash that tells a conflicting re-push from a
-- duplicate. Rows from before this migration have no hash: they answer duplicate as before.
ALTER TABLE events ADD COLUMN content_hash TEXT;

CREATE TABLE role_keys (
  key_id TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('treasurer', 'coordinator')),
  public_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
