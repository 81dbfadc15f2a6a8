/**
 * Reads behind the front-desk member card, walk-in tally and today list. Each goes through an
 * index (a member's own events, this desk's events of one day), never a whole table.
 */
import { localDateOf } from '../../domain/amsterdam-time.ts';
import type { BuurtpasDb, MemberRow, PassRow } from './database.ts';
import { readContribution, resolveMember, type MemberContribution } from './desk-actions.ts';
import { readVoidedAmong, type MemberHistory } from './desk-queries.ts';
import { combineHistory, readDerivedHistory } from './member-card-history.ts';
import { listServices } from './list-services.ts';

export type DeskService = Awaited<ReturnType<typeof listServices>>[number];

export type MemberCard = {
  member: MemberRow;
  passCode: string | null;
  contribution: MemberContribution;
  history: MemberHistory;
  /** Today's unvoided service uses of this person at this location, oldest first. */
  todayServiceUses: { serviceId: string; eventId: string }[];
};

/** Everything the member card shows, in one read; `undefined` when the person is gone (erased). */
export async function readMemberCard(
  db: BuurtpasDb,
  memberId: string,
  locationId: string,
  nowMs: number,
): Promise<MemberCard | undefined> {
  const member = await resolveMember(db, memberId);
  if (!member || member.erased) return undefined;
  const today = localDateOf(nowMs);
  // The member's facts are read once, for the history and for today's uses alike.
  const [contribution, passes, rows] = await Promise.all([
    readContribution(db, member.memberId, locationId, nowMs),
    db.passes.where('memberId').equals(member.memberId).toArray(),
    db.events.where('memberId').equals(member.memberId).toArray(),
  ]);
  // The history from derived rows too: a laptop started from a snapshot holds no older facts.
  const [voided, derived] = await Promise.all([
    readVoidedAmong(db, rows),
    readDerivedHistory(db, member.memberId, nowMs),
  ]);
  const history = combineHistory(rows, voided, derived);
  const todayServiceUses = rows
    .filter(
      (e) =>
        e.day === today &&
        e.type === 'service-used' &&
        e.locationId === locationId &&
        !voided.has(e.eventId),
    )
    .sort((a, b) => (a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : 0))
    .map((e) => ({
      serviceId: (e.event.data as { serviceId: string }).serviceId,
      eventId: e.eventId,
    }));
  const active = passes
    .filter((p) => p.status === 'active')
    .sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : -1));
  return { member, passCode: active[0]?.code ?? null, contribution, history, todayServiceUses };
}

export type WalkInTally = Record<string, { count: number; eventIds: string[] }>;

/**
 * Today's walk-ins at this desk per service (voided ones left out), newest event last. Read
 * through the `[type+day]` index, so it finds every walk-in of the day whatever made its id (a
 * fact from an older laptop need not carry a time-ordered UUIDv7), never walks the day's other
 * facts, and its live query on the desk watches today's walk-ins only: a scan (a visit) does not
 * wake it.
 */
export async function readWalkInsToday(
  db: BuurtpasDb,
  deviceId: string,
  day: string,
): Promise<WalkInTally> {
  const events = await db.events
    .where('[type+day]')
    .equals(['walk-in-counted', day])
    .filter((e) => e.deviceId === deviceId)
    .toArray();
  const voids = await db.voids.bulkGet(events.map((e) => e.eventId));
  const tally: WalkInTally = {};
  events
    .filter((_, i) => !voids[i])
    .sort((a, b) =>
      a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : a.eventId < b.eventId ? -1 : 1,
    )
    .forEach((e) => {
      const serviceId = (e.event.data as { serviceId: string }).serviceId;
      const row = (tally[serviceId] ??= { count: 0, eventIds: [] });
      row.count += 1;
      row.eventIds.push(e.eventId);
    });
  return tally;
}

/** The pass row for a code, without recording anything (a scan while registering). */
export async function readPass(db: BuurtpasDb, code: string): Promise<PassRow | undefined> {
  return db.passes.get(code);
}

/** Display names for the today list; erased people stay nameless. */
export async function readMemberNames(
  db: BuurtpasDb,
  memberIds: readonly string[],
): Promise<Map<string, string>> {
  const unique = Array.from(new Set(memberIds));
  const rows = await db.members.bulkGet(unique);
  const names = new Map<string, string>();
  rows.forEach((m, i) => {
    if (m && !m.erased) names.set(unique[i]!, m.name);
  });
  return names;
}
