-- Buurtpas server schema, SQLite. Applied once, in a transaction, by apply-migrations.
-- seq is assigned by the push transaction from sync_counter, never by AUTOINCREMENT, so the
-- same rule (one counter row, bumped under the write lock) holds on both engines.
CREATE TABLE sync_counter (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL
);
INSERT INTO sync_counter (id, last_seq) VALUES (1, 0);

CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  member_id TEXT,
  device_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX events_member ON events (member_id, type);

CREATE TABLE erased_members (
  member_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL
);

CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  raw_hash TEXT NOT NULL UNIQUE,
  event_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  raw TEXT NOT NULL,
  received_at TEXT NOT NULL
);

CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  location_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('desk', 'coordinator')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE enrollment_codes (
  code_hash TEXT PRIMARY KEY,
  location_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('desk', 'coordinator')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  used_by TEXT
);

CREATE TABLE admin_tokens (
  token_hash TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
