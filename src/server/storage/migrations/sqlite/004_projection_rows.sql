-- The server's projection (src/domain/projection rows) kept in the database, updated by every
-- push in its own transaction, so a start reads no history and memory does not grow with it.
-- One table for the fifteen row kinds: `tbl` names the kind, `key` is the row's primary key,
-- `part` what readers select by (the year of payments, waivers, contributions and report rows;
-- the day of visit-days and day counters; 'merged' for a merged member record), `body` the row
-- as JSON. projection_state says up to which seq the rows describe the events, with the
-- order-independent checksum of those events' ids. A database from before this migration holds
-- events but no rows: the server applies them once at start (catchUpProjection).
-- A rowid table, not WITHOUT ROWID: new rows (a day's visit-days) are appended to the end of the
-- file and only the small key index takes them in key order; clustered by (tbl, key) every push
-- dirtied pages all over the table (keys start with a random member id), about 10× the commit.
CREATE TABLE projection_rows (
  id INTEGER PRIMARY KEY,
  tbl TEXT NOT NULL,
  key TEXT NOT NULL,
  part TEXT,
  body TEXT NOT NULL
);
CREATE UNIQUE INDEX projection_rows_key ON projection_rows (tbl, key);
CREATE INDEX projection_rows_part ON projection_rows (tbl, part);

CREATE TABLE projection_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL,
  checksum_count INTEGER NOT NULL,
  checksum_sum TEXT NOT NULL
);
INSERT INTO projection_state (id, last_seq, checksum_count, checksum_sum)
VALUES (1, 0, 0, '0000000000000000');

-- The report's few facts (referrals, targets, role periods, services) and a new laptop's priority
-- pull read events by type: without this they walk every event.
CREATE INDEX events_type_seq ON events (type, seq);
