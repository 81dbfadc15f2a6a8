/**
 * The snapshot's rows come from the server's one projection, the same src/domain rules and row
 * shapes the laptops hold in Dexie, read through `ProjectionRows` (one interface, whichever way the
 * server keeps its derived state: in memory as summary-cache.ts does, or in SQL tables).
 *
 * Three parts, in this order (docs/sync-protocol.md, "Snapshot"):
 * 1. the desk's: what a scan reads, and every row a desk write read-modify-writes, so a scan made
 *    while the rest loads is never overwritten by a later page: members, passes, registrations,
 *    memberships, amounts, services, this year's contributions and report activity, today's
 *    visit-days, last visits;
 * 2. the counts': the treasurer's and the report's tables, earlier years;
 * 3. the visit history (earlier visit-days), newest day first, so a laptop that keeps only the
 *    last months stops early.
 */
import { localDateOf, localYearOf } from '../../domain/amsterdam-time.ts';
import type { EventSetChecksum } from '../../domain/event-set-checksum.ts';
import { PROJECTION_TABLES, type ProjectionTable } from '../../domain/projection/rows.ts';
import type { SnapshotPart } from '../../domain/snapshot-protocol.ts';
import type { Storage } from '../storage/storage.ts';
import type { SummaryCache } from './summary-cache.ts';
import type { SnapshotCapture, SnapshotPartKind, SnapshotSource } from './snapshot-service.ts';

/** The projection's rows at one seq, read-only. */
export type ProjectionRows = {
  /** Brings the projection up to date; returns the seq and checksum its rows describe. */
  settle(): Promise<{ seq: number; checksum: EventSetChecksum }>;
  /** Every row of a table as of the last settle (taken before the next await: may be live). */
  rowsOf(table: ProjectionTable): readonly object[];
  lastSeq(): Promise<number>;
};

/** The in-memory projection of summary-cache.ts as `ProjectionRows`. */
export function readSummaryCacheRows(
  cache: SummaryCache,
  lastSeq: () => Promise<number>,
  nowMs: () => number,
): ProjectionRows {
  return {
    lastSeq,
    async settle() {
      for (let attempt = 0; ; attempt++) {
        const { checksum, lastSeq: summarySeq } = await cache.summaryFor(localYearOf(nowMs()));
        const { lastSeq: stateSeq } = cache.projection();
        // Another request's catch-up ran in between: read both again, so they describe one seq.
        if (stateSeq === summarySeq || attempt >= 5) return { seq: stateSeq, checksum };
      }
    },
    rowsOf: (table) => [...(cache.projection().state[table] as Map<string, object>).values()],
  };
}

const DESK_TABLES: ReadonlySet<ProjectionTable> = new Set([
  'members',
  'passes',
  'registrations',
  'memberships',
  'amounts',
  'services',
  'lastVisits',
]);

/** Tables split by time: the current year's (or today's) rows go with the desk's. */
const CURRENT: Partial<
  Record<ProjectionTable, (row: object, year: number, today: string) => boolean>
> = {
  contributions: (r, year) => (r as { year: number }).year === year,
  reportActivity: (r, year) => (r as { year: number }).year === year,
  visitDays: (r, _year, today) => (r as { day: string }).day === today,
};

/** The snapshot of the in-memory projection (build-server.ts's default). */
export function createProjectionSnapshotSource(
  cache: SummaryCache,
  storage: Pick<Storage, 'lastSeq'>,
  nowMs: () => number,
): SnapshotSource {
  return createSnapshotSourceFrom(
    readSummaryCacheRows(cache, () => storage.lastSeq(), nowMs),
    nowMs,
  );
}

/** The snapshot of any projection that can hand over its rows at one seq. */
export function createSnapshotSourceFrom(
  projection: ProjectionRows,
  nowMs: () => number,
): SnapshotSource {
  return {
    lastSeq: () => projection.lastSeq(),
    async capture(): Promise<SnapshotCapture> {
      const { seq, checksum } = await projection.settle();
      const year = localYearOf(nowMs());
      const today = localDateOf(nowMs());
      const parts: SnapshotPart[] = [];
      const add = (table: ProjectionTable, rows: readonly object[], kind: SnapshotPartKind) => {
        if (rows.length > 0) parts.push({ table, rows, kind });
      };
      for (const table of PROJECTION_TABLES) {
        const rows = projection.rowsOf(table);
        const isCurrent = CURRENT[table];
        if (isCurrent) {
          const now: object[] = [];
          const before: object[] = [];
          for (const r of rows) (isCurrent(r, year, today) ? now : before).push(r);
          add(table, now, 'desk');
          if (table === 'visitDays') {
            // Newest day first: a laptop keeping the last months takes the leading pages only.
            before.sort((a, b) => {
              const x = (a as { day: string }).day;
              const y = (b as { day: string }).day;
              return x < y ? 1 : x > y ? -1 : 0;
            });
            add(table, before, 'history');
          } else add(table, before, 'counts');
        } else add(table, rows, DESK_TABLES.has(table) ? 'desk' : 'counts');
      }
      return { seq, checksum, parts };
    },
  };
}
