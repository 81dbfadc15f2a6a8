/**
 * Where a person is registered, and the writes that change it for one location: "also register
 * here" at the desk (the same member, a second location), leaving one location with a reason,
 * and coming back. The person stays one member, so totals count them once.
 */
import { localDateOf } from '../../domain/amsterdam-time.ts';
import { isOpenAt, periodKey } from '../../domain/ledger.ts';
import type { BuurtpasDb } from './database.ts';
import { resolveMember } from './desk-actions.ts';
import { writeEvents, type Writer } from './record-events.ts';

export type LocationRegistration = {
  locationId: string;
  open: boolean;
  /** Local date of the first registration there. */
  since: string;
  /** Local date of the last deregistration there, if any. */
  leftOn: string | null;
};

/** Every location the member (after merges) was ever registered at, open or not, by location id. */
export async function readLocationRegistrations(
  db: BuurtpasDb,
  memberId: string,
  nowMs: number,
): Promise<LocationRegistration[]> {
  const member = await resolveMember(db, memberId);
  if (!member || member.erased) return [];
  const mergedFrom = await db.members.where('mergedInto').equals(member.memberId).primaryKeys();
  const rows = await db.registrations
    .where('memberId')
    .anyOf([member.memberId, ...mergedFrom])
    .toArray();
  const today = localDateOf(nowMs);
  const byLocation = new Map<string, LocationRegistration>();
  for (const r of rows) {
    const open = isOpenAt(r, today);
    const have = byLocation.get(r.scopeId);
    const since = r.opened[0] ?? today;
    const leftOn = r.closed.at(-1) ?? null;
    if (!have) byLocation.set(r.scopeId, { locationId: r.scopeId, open, since, leftOn });
    else
      byLocation.set(r.scopeId, {
        locationId: r.scopeId,
        open: have.open || open,
        since: since < have.since ? since : have.since,
        leftOn:
          have.leftOn && leftOn
            ? have.leftOn > leftOn
              ? have.leftOn
              : leftOn
            : (have.leftOn ?? leftOn),
      });
  }
  return [...byLocation.values()].sort((a, b) => (a.locationId < b.locationId ? -1 : 1));
}

/** Open registrations of several members at once (the name search's "where registered"). */
export async function readOpenLocations(
  db: BuurtpasDb,
  memberIds: readonly string[],
  nowMs: number,
): Promise<Map<string, string[]>> {
  const today = localDateOf(nowMs);
  const rows = await db.registrations
    .where('memberId')
    .anyOf([...memberIds])
    .toArray();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    if (!isOpenAt(r, today)) continue;
    const list = out.get(r.memberId) ?? [];
    if (!list.includes(r.scopeId)) list.push(r.scopeId);
    out.set(r.memberId, list.sort());
  }
  return out;
}

/**
 * One tap at the desk: a person registered elsewhere registers at this desk's location too — the
 * same member, no new person. Nothing is written when they are already registered here.
 */
export async function registerAtThisLocation(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  nowMs: number,
): Promise<string | null> {
  return db.transaction('rw', db.tables, async () => {
    const member = await resolveMember(db, memberId);
    if (!member || member.erased) return null;
    const row = await db.registrations.get(periodKey(member.memberId, writer.locationId));
    if (row && isOpenAt(row, localDateOf(nowMs))) return null;
    const [event] = await writeEvents(
      db,
      writer,
      [
        {
          type: 'client-registered',
          data: { memberId: member.memberId, locationId: writer.locationId },
        },
      ],
      nowMs,
    );
    return event!.eventId;
  });
}

/** Leaving one location (the others stay), with the reason; returns the fact's id (for undo). */
export async function deregisterAtLocation(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  locationId: string,
  reason: string,
  nowMs: number,
): Promise<string> {
  const [event] = await writeEvents(
    db,
    writer,
    [{ type: 'client-deregistered', data: { memberId, locationId, reason } }],
    nowMs,
  );
  return event!.eventId;
}

/** Coming back to a location left before. */
export async function returnToLocation(
  db: BuurtpasDb,
  writer: Writer,
  memberId: string,
  locationId: string,
  nowMs: number,
): Promise<string> {
  const [event] = await writeEvents(
    db,
    writer,
    [{ type: 'client-registered', data: { memberId, locationId } }],
    nowMs,
  );
  return event!.eventId;
}
