-- The server's projection (src/domain/projection rows) kept in the database, updated by every
-- push in its own transaction (under the sync_counter lock), so a start reads no history and
-- memory does not grow with it. One table for the fifteen row kinds: `tbl` names the kind, `key`
-- is the row's primary key, `part` what readers select by (the year of payments, waivers,
-- contributions and report rows; the day of visit-days and day counters; 'merged' for a merged
-- member record), `body` the row as JSON text (read back whole, never queried inside).
-- projection_state says up to which seq the rows describe the events, with the order-independent
-- checksum of those events' ids. A database from before this migration holds events but no rows:
-- the server applies them once at start (catchUpProjection).
CREATE TABLE projection_rows (
  tbl TEXT NOT NULL,
  key TEXT NOT NULL,
  part TEXT,
  body TEXT NOT NULL,
  PRIMARY KEY (tbl, key)
) WITH (fillfactor = 80); -- room on the page, so a row's new version is a HOT update
CREATE INDEX projection_rows_part ON projection_rows (tbl, part);

CREATE TABLE projection_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq BIGINT NOT NULL,
  checksum_count BIGINT NOT NULL,
  checksum_sum TEXT NOT NULL
);
INSERT INTO projection_state (id, last_seq, checksum_count, checksum_sum)
VALUES (1, 0, 0, '0000000000000000');

-- The report's few facts (referrals, targets, role periods, services) and a new laptop's priority
-- pull read events by type: without this they walk every event.
CREATE INDEX events_type_seq ON events (type, seq);
