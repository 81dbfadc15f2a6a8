-- The member index keyed by 8 bytes instead of the 36-character id: the id's 12 time digits and
-- its last 4 (a UUIDv7: 48 bits of milliseconds, random bits at the end) as a blob; an id that is
-- not hex keeps itself as the key. Entries (key, seq) are about half the size of
-- (member_id, seq), so the index has half the pages. A day's new members still append at its end
-- (the time comes first), and a returning member's visit and service, which land at that member's
-- place anywhere in the index, dirty fewer pages a push: a returning members' push wrote 283 of
-- its 619 WAL pages here, now about 130 (docs/server.md, round q14). Readers match the same
-- expression of the member id they look for and check `member_id` on the row, so two ids with
-- one key (the same millisecond and 16 random bits) only cost a row read
-- (src/server/storage/sqlite-storage.ts, `memberKeyOf`).
DROP INDEX events_member_seq;
CREATE INDEX events_member_key ON events (
  coalesce(unhex(substr(member_id, 1, 8) || substr(member_id, 10, 4) || substr(member_id, -4)), member_id)
) WHERE member_id IS NOT NULL;

-- The type index without the three types a desk sends all day (a visit, a service used, a walk-in):
-- no reader asks for them by type (a new laptop's priority pull, the snapshot's and the report's
-- facts ask for others), and they are most of what a day pushes: a returning members' push no
-- longer writes an entry per fact here. Readers by type add the same terms so
-- SQLite may use the partial index; a pull that does ask for one of the three walks seq instead
-- (src/server/storage/sqlite-storage.ts, `typeInSql`).
DROP INDEX events_type_seq;
CREATE INDEX events_type_seq_cold ON events (type, seq)
WHERE type <> 'visit-recorded' AND type <> 'service-used' AND type <> 'walk-in-counted';
