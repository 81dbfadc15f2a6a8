-- Which push last changed a projection row: the seq the rows describe after it (every push and
-- catch-up step writes it with the row, in the same statement). The summary and the year report
-- keep a year's rows between answers and read only the rows changed since the seq they were read
-- at; with this column and its index that read is an index range read, as long as the change.
-- (Before, the rows were found by their transaction id, `age(xmin)`, which PostgreSQL can only
-- filter: every row of the year was read to find a few hundred.)
--
-- The backfill is bounded: a column with a constant default is added without rewriting the table
-- (PostgreSQL 11 and later keep the default in the catalog), so the existing rows read 0, "not
-- changed since any read": no server holds a mark from before its own start, and every server of
-- a database is stopped for an upgrade (docs/server.md). The index is one pass over the table
-- (at 1.000.000 facts about 2 s here); writes wait for it, reads do not.
ALTER TABLE projection_rows ADD COLUMN changed_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX projection_rows_changed ON projection_rows (tbl, changed_seq);
