/**
 * Reads for the desk screens. Each reads through an index; none scans a whole table.
 */
import { matchesNameQuery, nameWords } from '../../domain/name-search.ts';
import type { BuurtpasDb, MemberRow, StoredEvent } from './database.ts';

/** Members whose name matches every word of the query by prefix, accent- and case-insensitive. */
export async function searchMembersByName(
  db: BuurtpasDb,
  query: string,
  limit = 20,
): Promise<MemberRow[]> {
  const words = nameWords(query);
  const first = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (first === '') return [];
  const seen = new Set<string>();
  const out: MemberRow[] = [];
  await db.members
    .where('nameWords')
    .startsWith(first)
    .until(() => out.length >= limit)
    .each((m) => {
      if (seen.has(m.memberId) || m.erased || m.mergedInto) return;
      seen.add(m.memberId);
      if (matchesNameQuery(m.name, query)) out.push(m);
    });
  return out.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

export type MemberHistory = {
  lastVisits: { day: string; locationId: string; at: string }[];
  usualServiceIds: string[];
};

/** The last visits and what the person usually comes for, from the member's own facts. */
export async function readMemberHistory(
  db: BuurtpasDb,
  memberId: string,
  visitLimit = 5,
): Promise<MemberHistory> {
  const rows = await db.events.where('memberId').equals(memberId).toArray();
  const voided = await readVoidedAmong(db, rows);
  return historyOf(rows, voided, visitLimit);
}

/** Which of these facts are voided (one bulkGet). */
export async function readVoidedAmong(
  db: BuurtpasDb,
  rows: readonly StoredEvent[],
): Promise<Set<string>> {
  return new Set(
    (await db.voids.bulkGet(rows.map((r) => r.eventId)))
      .filter((v) => v)
      .map((v) => v!.targetEventId),
  );
}

/** History from a member's facts already read (the member card reads them once for everything). */
export function historyOf(
  rows: readonly StoredEvent[],
  voided: ReadonlySet<string>,
  visitLimit = 5,
): MemberHistory {
  const visits = rows.filter((r) => r.type === 'visit-recorded' && !voided.has(r.eventId));
  const byDay = new Map<string, StoredEvent>();
  for (const v of visits) {
    const key = `${v.day}|${v.event.locationId}`;
    const cur = byDay.get(key);
    if (!cur || v.event.at < cur.event.at) byDay.set(key, v);
  }
  const lastVisits = Array.from(byDay.values())
    .sort((a, b) => (a.event.at < b.event.at ? 1 : -1))
    .slice(0, visitLimit)
    .map((v) => ({
      day: v.day,
      locationId: (v.event.data as { locationId: string }).locationId,
      at: v.event.at,
    }));
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (r.type !== 'service-used' || voided.has(r.eventId)) continue;
    const id = (r.event.data as { serviceId: string }).serviceId;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const usualServiceIds = Array.from(counts.entries())
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([id]) => id);
  return { lastVisits, usualServiceIds };
}

export type TodayAtDesk = {
  events: StoredEvent[];
  voided: Set<string>;
  visits: number;
  serviceUses: number;
  walkIns: number;
  payments: number;
  cashCents: number;
};

/** Today's facts recorded at this desk, newest first, with the running counters. */
export async function readTodayAtDesk(
  db: BuurtpasDb,
  deviceId: string,
  locationId: string,
  day: string,
): Promise<TodayAtDesk> {
  const [events, counters] = await Promise.all([
    db.events.where('[deviceId+day]').equals([deviceId, day]).toArray(),
    db.dayCounters.get(`${day}|${locationId}|${deviceId}`),
  ]);
  const voids = await db.voids.bulkGet(events.map((e) => e.eventId));
  const voided = new Set(voids.filter((v) => v).map((v) => v!.targetEventId));
  return {
    events: events.sort((a, b) => (a.event.at < b.event.at ? 1 : a.event.at > b.event.at ? -1 : 0)),
    voided,
    visits: counters?.visits ?? 0,
    serviceUses: counters?.serviceUses ?? 0,
    walkIns: counters?.walkIns ?? 0,
    payments: counters?.payments ?? 0,
    cashCents: counters?.cashCents ?? 0,
  };
}

export async function countPendingOutbox(db: BuurtpasDb): Promise<number> {
  return db.outbox.count();
}
