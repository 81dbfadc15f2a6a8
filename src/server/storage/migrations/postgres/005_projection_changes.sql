-- Which projection rows each push changed: the summary and the year report keep a year's rows
-- between answers and read only the rows changed since the seq they were read at. Every push
-- writes one note here, its seq and the (table, key) of every row it wrote, in its own transaction
-- (pushes commit in seq order under the counter lock), so "the rows changed since seq S" is an
-- index range read of the notes above S and a primary-key lookup per row, as long as the change.
-- Before, the rows were found by their transaction id (`age(xmin)`), which PostgreSQL can only
-- filter: every row of the year was read to find a few hundred.
--
-- Why not a changed-seq column on projection_rows with an index: a column every update sets,
-- indexed, makes every update of a row non-HOT (an entry in each of the table's indexes);
-- measured at 1.000.000 facts that cost pushes 10-30 %. Why one note per push and not one per
-- row: 2.000 narrow rows and their index entries cost a push of 1.000 facts about 30 ms more.
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
  tbls TEXT[] NOT NULL,
  keys TEXT[] NOT NULL
);
CREATE INDEX projection_changes_seq ON projection_changes (changed_seq);
ALTER TABLE projection_state ADD COLUMN changes_after BIGINT NOT NULL DEFAULT 0;
UPDATE projection_state SET changes_after = last_seq;
