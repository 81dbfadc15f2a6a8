-- Buurtpas server schema, PostgreSQL. Applied once, in a transaction, by apply-migrations.
-- seq comes from the one-row sync_counter, locked FOR UPDATE by every push: a plain sequence
-- hands out numbers at insert time, so a later-committing push could publish a smaller seq
-- after a reader has already moved its cursor past it.
CREATE TABLE sync_counter (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq BIGINT NOT NULL
);
INSERT INTO sync_counter (id, last_seq) VALUES (1, 0);

CREATE TABLE events (
  seq BIGINT PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  member_id TEXT,
  device_id TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX events_member ON events (member_id, type);

CREATE TABLE erased_members (
  member_id TEXT PRIMARY KEY,
  seq BIGINT NOT NULL
);

CREATE TABLE quarantine (
  id BIGSERIAL PRIMARY KEY,
  raw_hash TEXT NOT NULL UNIQUE,
  event_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  raw TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  location_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('desk', 'coordinator')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ
);

CREATE TABLE enrollment_codes (
  code_hash TEXT PRIMARY KEY,
  location_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('desk', 'coordinator')),
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at TIMESTAMPTZ,
  used_by TEXT
);

CREATE TABLE admin_tokens (
  token_hash TEXT PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ
);
