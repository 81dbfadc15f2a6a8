-- The server's generation: a random id made when the database is created and replaced by
-- `cli.ts restore`. A laptop that sees it change knows the server went back in time (a restore
-- from an older backup): it pushes its own facts again and pulls from 0 (docs/server.md).
CREATE TABLE server_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO server_meta (key, value) VALUES ('generation', replace(gen_random_uuid()::text, '-', ''));

-- Last contact per device, for the coordinator's "not synchronised for 3 days". Kept apart from
-- `devices` so enrollment and revocation never race with the write on every sync request.
CREATE TABLE device_activity (
  device_id TEXT PRIMARY KEY,
  last_push_at TIMESTAMPTZ,
  last_pull_at TIMESTAMPTZ
);
