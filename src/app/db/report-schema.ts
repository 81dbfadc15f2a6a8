/**
 * Coordinator projections (schema version 3): the year report's per-year aggregates, so a report
 * over a million facts reads a year's few thousand rows instead of every fact.
 *   reportActivity: one row per (year, location, person): visit-days, uses per service.
 *   reportWalkIns:  one row per (year, location): walk-ins per service.
 *   reportVoided:   the counted facts whose void has been taken off (each exactly once).
 * The rows are kept by `applyReportProjection` (report-apply.ts), called from `applyOne`.
 */
import type { EntityTable, Transaction } from 'dexie';
import type { BuurtpasEvent } from '../../domain/events.ts';
import {
  foldAggregateRows,
  type ActivityRow,
  type WalkInRow,
} from '../../domain/report/report-aggregates.ts';
import type { BuurtpasDb, StoredEvent } from './database.ts';

export type ReportVoidedRow = { targetEventId: string };

export const REPORT_STORES_V3 = {
  reportActivity: 'key, year',
  reportWalkIns: 'key, year',
  reportVoided: 'targetEventId',
} as const;

/** The database seen with the report tables (Dexie makes a property per table it knows). */
export type ReportDb = BuurtpasDb & {
  reportActivity: EntityTable<ActivityRow, 'key'>;
  reportWalkIns: EntityTable<WalkInRow, 'key'>;
  reportVoided: EntityTable<ReportVoidedRow, 'targetEventId'>;
};

export function reportDb(db: BuurtpasDb): ReportDb {
  return db as ReportDb;
}

/** Version 2 → 3: the aggregates from the facts already on this laptop, voids first. */
export async function upgradeToReportV3(tx: Transaction): Promise<void> {
  const events: BuurtpasEvent[] = [];
  await tx.table<StoredEvent>('events').each((row) => {
    events.push(row.event);
  });
  const { activity, walkIns } = foldAggregateRows(events);
  const voided = events
    .filter((e) => e.type === 'event-voided')
    .map((e) => ({ targetEventId: e.data.targetEventId }));
  await tx.table<ActivityRow>('reportActivity').bulkPut([...activity.values()]);
  await tx.table<WalkInRow>('reportWalkIns').bulkPut([...walkIns.values()]);
  await tx.table<ReportVoidedRow>('reportVoided').bulkPut(voided);
}
