-- The part index without the rows that have no part (members that are not merged, registrations,
-- memberships, last visits: about half of what a new members' push writes). Every reader by part
-- names a part (`part = ?`, `part IN (…)`), which tells SQLite the part is not NULL, so it still
-- uses this index; the one reader of the rows outside some parts (`part IS NULL OR part NOT IN
-- (…)`) reads the table's rows by the key index, as it did already to give them in key order
-- (src/server/storage/sqlite-storage.ts, `pagedReadSql`; plans checked in sqlite-storage.test.ts).
-- A new members' push writes about 1.600 fewer index entries (docs/server.md, round q15).
DROP INDEX projection_rows_part;
CREATE INDEX projection_rows_part ON projection_rows (tbl, part) WHERE part IS NOT NULL;
