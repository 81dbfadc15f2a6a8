/**
 * The member card's history (Balie): the last visits and what the person usually comes for, from
 * the derived rows every laptop holds — a laptop that started from a snapshot too, which holds no
 * facts older than it (docs/sync-protocol.md, "Raw history on a laptop").
 *
 * - Last visits: `visitDays` (one row per person, location and day, the first arrival), which a
 *   snapshot brings for the kept visit history (Instellingen, "Bezoekgeschiedenis"), joined with
 *   the person's own stored visit facts (today's, and older ones a laptop with its full history
 *   holds beyond what it keeps as visit-days). A day whose first visit was voided is left out.
 * - Usually comes for: `reportActivity`'s service counts of this year and the two before (voids
 *   already taken off), complete on every laptop once the counts are in. Three years, not all of
 *   them: what someone comes for now, not what they came for in 2019.
 *
 * Read offline, from local rows, in the scan's own moment: two index reads beside the card's.
 */
import type { ActivityRow } from '../../domain/report/report-aggregates.ts';
import { activityKey } from '../../domain/report/report-aggregates.ts';
import { LOCATIONS } from '../../domain/catalog.ts';
import { localDateOf } from '../../domain/amsterdam-time.ts';
import type { BuurtpasDb, StoredEvent, VisitDayRow } from './database.ts';
import type { MemberHistory } from './desk-queries.ts';

/** How many calendar years of service counts "usually comes for" looks at (this one included). */
export const USUAL_SERVICE_YEARS = 3;

export type DerivedHistory = {
  /** The person's visit-days whose first visit is not voided. */
  visitDays: VisitDayRow[];
  /** Service id → uses, over the years looked at. */
  serviceCounts: Map<string, number>;
};

export async function readDerivedHistory(
  db: BuurtpasDb,
  memberId: string,
  nowMs: number,
): Promise<DerivedHistory> {
  const year = Number(localDateOf(nowMs).slice(0, 4));
  const keys: string[] = [];
  for (let y = year - USUAL_SERVICE_YEARS + 1; y <= year; y++)
    for (const l of LOCATIONS) keys.push(activityKey(y, l.id, memberId));
  const [days, activity] = await Promise.all([
    db.visitDays.where('memberId').equals(memberId).toArray(),
    db.reportActivity.bulkGet(keys),
  ]);
  const voids = await db.voids.bulkGet(days.map((d) => d.eventId));
  const serviceCounts = new Map<string, number>();
  for (const row of activity.filter((a): a is ActivityRow => a !== undefined))
    for (const [serviceId, n] of Object.entries(row.services))
      if (n > 0) serviceCounts.set(serviceId, (serviceCounts.get(serviceId) ?? 0) + n);
  return { visitDays: days.filter((_, i) => voids[i] === undefined), serviceCounts };
}

/** The card's history from the derived rows and the person's stored facts (`voided` among them). */
export function combineHistory(
  rows: readonly StoredEvent[],
  voided: ReadonlySet<string>,
  derived: DerivedHistory,
  visitLimit = 5,
): MemberHistory {
  const byDay = new Map<string, { day: string; locationId: string; at: string }>();
  const keep = (day: string, locationId: string, at: string) => {
    const key = `${day}|${locationId}`;
    const cur = byDay.get(key);
    if (!cur || at < cur.at) byDay.set(key, { day, locationId, at });
  };
  for (const d of derived.visitDays) keep(d.day, d.locationId, d.firstAt);
  for (const r of rows)
    if (r.type === 'visit-recorded' && !voided.has(r.eventId))
      keep(r.day, (r.event.data as { locationId: string }).locationId, r.event.at);
  const lastVisits = [...byDay.values()]
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.locationId < b.locationId ? 1 : -1))
    .slice(0, visitLimit);
  const usualServiceIds = [...derived.serviceCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([id]) => id);
  return { lastVisits, usualServiceIds };
}
