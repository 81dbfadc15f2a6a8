-- The member index without the type, as SQLite's migration 005: `events_member (member_id, type)`
-- becomes `events_member_id (member_id) WHERE member_id IS NOT NULL`. Every push writes an entry
-- per fact with a member; without the type a member's entries are one run (PostgreSQL's B-tree
-- deduplication keeps them as one posting list), so the index is smaller and a returning member's
-- visit and service land on one leaf page. Its readers: a person's facts in seq order (the access
-- export: the member's entries, sorted by seq; a few hundred at most) and an erasure's or merge's
-- few facts of one type (the member's entries, the type checked on the row; both rare). Facts
-- without a member (role keys, targets, referrals) are left out.
--
-- Applied in the migration's transaction: CREATE INDEX (not CONCURRENTLY, which cannot run in a
-- transaction) blocks pushes while it builds; pulls and reads go on. Measured in docs/server.md,
-- Round p14: seconds at 1.000.000 facts; plan a quiet moment at 10.000.000 (or create the index
-- CONCURRENTLY by hand first: this file then only drops the old one).
CREATE INDEX IF NOT EXISTS events_member_id ON events (member_id) WHERE member_id IS NOT NULL;
DROP INDEX IF EXISTS events_member;
