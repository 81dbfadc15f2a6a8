-- The part index without the rows that have no part (members that are not merged, registrations,
-- memberships, last visits: about half of the rows a new members' push writes). Every reader by
-- part names a part (`part = ?`, `part IN (…)`), which tells SQLite the part is not NULL, so it
-- still uses this index. The reader of the rows outside some parts in key order
-- (`part IS NULL OR part NOT IN (…) ORDER BY key`) reads by the key index, as it did already; a
-- read in part order (the visit history, newest day first) takes the rows with a part by this index
-- and then, for a table that may have them, those without (src/server/storage/sqlite-storage.ts,
-- `pagedReadSql`; plans checked in sqlite-storage.test.ts). A new members' push writes about 330
-- fewer index entries (four per new member) and about 16 fewer WAL pages (docs/server.md, round
-- q15).
DROP INDEX projection_rows_part;
CREATE INDEX projection_rows_part ON projection_rows (tbl, part) WHERE part IS NOT NULL;
