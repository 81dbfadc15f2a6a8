/**
 * The server may lower an event's HLC (a laptop clock far ahead is clamped, docs/sync-protocol.md).
 * The laptop that wrote the event holds the unclamped copy, so without this its member record
 * could keep a field winner every other replica disagrees with. When a pulled copy of an event
 * this laptop already holds carries a different `hlc`, the server's copy is the truth: the stored
 * copy takes that clock, and each touched member's profile is folded again from its stored
 * `member-profile-set` events (per-field LWW is order-independent, so a fresh fold is exact).
 *
 * Runs inside the page transaction (sync-pull.ts), after the page itself was applied.
 */
import type { BuurtpasEvent } from '../../domain/events.ts';
import { applyProfileFields, emptyMemberRecord } from '../../domain/member-record.ts';
import { nameWords } from '../../domain/name-search.ts';
import type { BuurtpasDb, StoredEvent } from './database.ts';

/** Pulled events whose held copy has another clock, and the held rows (read before the page is applied). */
export async function findReclocked(
  db: BuurtpasDb,
  pulled: readonly { event: BuurtpasEvent }[],
): Promise<{ reclocked: BuurtpasEvent[]; held: (StoredEvent | undefined)[] }> {
  const held = await db.events.bulkGet(pulled.map((p) => p.event.eventId));
  const reclocked = pulled.flatMap((p, i) => {
    const h = held[i];
    return h && h.event.hlc !== p.event.hlc ? [p.event] : [];
  });
  return { reclocked, held };
}

export async function adoptServerClocks(
  db: BuurtpasDb,
  reclocked: readonly BuurtpasEvent[],
): Promise<void> {
  if (reclocked.length === 0) return;
  const stored = await db.events.bulkGet(reclocked.map((e) => e.eventId));
  const updates: StoredEvent[] = [];
  const members = new Set<string>();
  reclocked.forEach((pulled, i) => {
    const row = stored[i];
    if (!row) return;
    // The stored payload stays (it may be redacted already); only the clock is the server's.
    updates.push({ ...row, event: { ...row.event, hlc: pulled.hlc } as BuurtpasEvent });
    if (row.event.type === 'member-profile-set') members.add(row.event.data.memberId);
  });
  if (updates.length > 0) await db.events.bulkPut(updates);
  for (const memberId of members) await refoldProfile(db, memberId);
}

async function refoldProfile(db: BuurtpasDb, memberId: string): Promise<void> {
  const member = await db.members.get(memberId);
  if (!member || member.erased) return;
  const rows = await db.events
    .where('memberId')
    .equals(memberId)
    .filter((r) => r.type === 'member-profile-set')
    .toArray();
  let record = emptyMemberRecord(memberId);
  for (const r of rows) {
    if (r.event.type === 'member-profile-set')
      record = applyProfileFields(record, r.event.data.fields, r.event.hlc);
  }
  const name = record.fields.name ?? '';
  await db.members.put({
    ...member,
    fields: record.fields,
    clocks: record.clocks,
    name,
    nameWords: nameWords(name),
  });
}
