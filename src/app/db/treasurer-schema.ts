/**
 * Treasurer projections (schema version 2): the last visit day per member, so the "who still
 * owes" list can filter and sort on it over 10.000 members without reading every visit-day.
 * Kept up to date by `applyTreasurerProjection`, called from `applyOne` for each new fact.
 */
import type { BuurtpasEvent } from '../../domain/events.ts';
import { localDateOf } from '../../domain/amsterdam-time.ts';
import type { Transaction } from 'dexie';
import type { BuurtpasDb, VisitDayRow } from './database.ts';

export type LastVisitRow = { memberId: string; day: string; locationId: string };

export const TREASURER_STORES_V2 = { lastVisits: 'memberId' } as const;

/** Version 1 → 2: the last visit per member from the visit-days already on this laptop. */
export async function upgradeToTreasurerV2(tx: Transaction): Promise<void> {
  const latest = new Map<string, LastVisitRow>();
  await tx.table<VisitDayRow>('visitDays').each((v) => {
    const have = latest.get(v.memberId);
    if (!have || isLater(v.day, v.locationId, have))
      latest.set(v.memberId, { memberId: v.memberId, day: v.day, locationId: v.locationId });
  });
  await tx.table<LastVisitRow>('lastVisits').bulkPut([...latest.values()]);
}

// The same day at two locations: the larger location id wins, so every laptop keeps the same row.
function isLater(day: string, locationId: string, have: LastVisitRow): boolean {
  return day > have.day || (day === have.day && locationId > have.locationId);
}

/** Order-independent: the latest day wins. A voided visit still was a visit for "last seen". */
export async function applyTreasurerProjection(
  db: BuurtpasDb,
  event: BuurtpasEvent,
): Promise<void> {
  if (event.type !== 'visit-recorded') return;
  const day = localDateOf(event.at);
  const have = await db.lastVisits.get(event.data.memberId);
  if (!have || isLater(day, event.data.locationId, have))
    await db.lastVisits.put({
      memberId: event.data.memberId,
      day,
      locationId: event.data.locationId,
    });
}
