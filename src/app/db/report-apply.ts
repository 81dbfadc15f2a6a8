/**
 * Keeps the year report's aggregates (report-schema.ts) in step as facts are applied. Runs inside
 * `applyOne`, in the transaction that stores the fact. `storeAndApply` hands each eventId here
 * once, so adding is duplicate-safe; a void takes its fact off exactly once whichever came first:
 * - fact first: counted; its void later finds it in `events` and takes it off;
 * - void first (its fact not yet here): the fact, when it comes, is counted and, its void being
 *   known, taken off at once;
 * - both in one batch (both already in `events`): whichever is applied first takes it off, and
 *   `reportVoided` stops the other from doing it again.
 */
import type { BuurtpasEvent } from '../../domain/events.ts';
import {
  applyActivityDelta,
  applyWalkInDelta,
  reportDeltaOf,
  type ReportDelta,
} from '../../domain/report/report-aggregates.ts';
import type { BuurtpasDb } from './database.ts';
import { reportDb, type ReportDb } from './report-schema.ts';

async function applyDelta(db: ReportDb, delta: ReportDelta, sign: 1 | -1): Promise<void> {
  if (delta.table === 'activity') {
    await db.reportActivity.put(
      applyActivityDelta(await db.reportActivity.get(delta.key), delta, sign),
    );
  } else {
    await db.reportWalkIns.put(
      applyWalkInDelta(await db.reportWalkIns.get(delta.key), delta, sign),
    );
  }
}

async function takeOffOnce(db: ReportDb, targetEventId: string, delta: ReportDelta): Promise<void> {
  if (await db.reportVoided.get(targetEventId)) return;
  await db.reportVoided.put({ targetEventId });
  await applyDelta(db, delta, -1);
}

export async function applyReportProjection(base: BuurtpasDb, event: BuurtpasEvent): Promise<void> {
  const db = reportDb(base);
  if (event.type === 'event-voided') {
    const target = await db.events.get(event.data.targetEventId);
    const delta = target ? reportDeltaOf(target.event) : null;
    if (delta) await takeOffOnce(db, event.data.targetEventId, delta);
    return;
  }
  const delta = reportDeltaOf(event);
  if (!delta) return;
  await applyDelta(db, delta, 1);
  if (await db.voids.get(event.eventId)) await takeOffOnce(db, event.eventId, delta);
}
