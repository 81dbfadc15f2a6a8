-- Which projection rows each push changed: the summary and the year report keep a year's rows
-- between answers and read only the rows changed since the seq they were read at. Every push
-- notes the rows it writes here with its seq, in its own transaction (pushes commit in seq order
-- under the counter lock), so "the rows changed since seq S" is an index range read here and a
-- primary-key lookup per row, as long as the change. Before, the rows were found by their
-- transaction id (`age(xmin)`), which PostgreSQL can only filter: every row of the year was read
-- to find a few hundred.
--
-- Why a separate table and not a changed-seq column on projection_rows with an index: an indexed
-- column that every update sets makes every update of a row a non-HOT one (a new entry in each of
-- the table's three indexes); measured at 1.000.000 facts that cost pushes 10–30 %. Here the rows'
-- updates stay HOT and a push appends its notes at the end of one small index.
--
-- The notes are bounded: a push that crosses a tenth of `keepChangesFor` seqs (default 100.000)
-- deletes the notes older than that; `changes_after` says from which seq on every change is noted
-- (a mark older than it reads every row, as the first read does). A bulk projection build
-- (postgres-bulk-projection.ts) notes nothing and moves `changes_after` to its step's seq.
--
-- Nothing to backfill: the table starts empty and `changes_after` at the seq the rows describe
-- now (no server holds a mark from before its own start), so the migration is instant at any size.
CREATE TABLE projection_changes (
  changed_seq BIGINT NOT NULL,
  tbl TEXT NOT NULL,
  key TEXT NOT NULL
);
CREATE INDEX projection_changes_seq ON projection_changes (tbl, changed_seq);
ALTER TABLE projection_state ADD COLUMN changes_after BIGINT NOT NULL DEFAULT 0;
UPDATE projection_state SET changes_after = last_seq;
