/**
 * The snapshot's rows come from the server's one projection, the same src/domain rules and row
 * shapes the laptops hold in Dexie, read through `ProjectionRows` (one interface, whichever way the
 * server keeps its derived state; summary-cache.ts reads the rows every push keeps in SQL).
 *
 * Three parts, in this order (docs/sync-protocol.md, "Snapshot"):
 * 1. the desk's: the few facts screens read as facts (SNAPSHOT_FACT_TYPES: role PINs, targets,
 *    referrals, waivers...), what a scan reads, and every row a desk write read-modify-writes, so a scan made
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
import {
  SNAPSHOT_FACT_TYPES,
  SNAPSHOT_FACTS_TABLE,
  type SnapshotPart,
} from '../../domain/snapshot-protocol.ts';
import type { Storage } from '../storage/storage.ts';
import { readStoredProjectionRows, type SummaryCache } from './summary-cache.ts';
import type { SnapshotCapture, SnapshotPartKind, SnapshotSource } from './snapshot-service.ts';

/**
 * The projection's rows at one seq, read-only. A projection kept in SQL reads every row in
 * `settle` (one read with its seq and checksum, `live: false`); the in-memory one hands out its
 * live rows (`live: true`), which describe the settled seq only until the next await.
 */
export type ProjectionRows = {
  live: boolean;
  /** Brings the projection up to date; returns the seq and checksum its rows describe. */
  settle(): Promise<{ seq: number; checksum: EventSetChecksum }>;
  /** Every row of a table as of the last settle. */
  rowsOf(table: ProjectionTable): readonly object[];
  lastSeq(): Promise<number>;
};

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
  storage: Pick<Storage, 'lastSeq' | 'readEventsAfter'>,
  nowMs: () => number,
): SnapshotSource {
  return createSnapshotSourceFrom(
    readStoredProjectionRows(cache, () => storage.lastSeq()),
    nowMs,
    (upToSeq) => readFactsUpTo(storage, upToSeq),
  );
}

/** The stored facts of SNAPSHOT_FACT_TYPES with seq ≤ upToSeq, as `{ seq, event }` rows. */
async function readFactsUpTo(
  storage: Pick<Storage, 'readEventsAfter'>,
  upToSeq: number,
): Promise<object[]> {
  const out: object[] = [];
  for (let after = 0; ;) {
    const rows = await storage.readEventsAfter(after, 5000, SNAPSHOT_FACT_TYPES);
    for (const row of rows)
      if (row.seq <= upToSeq) out.push({ seq: row.seq, event: JSON.parse(row.json) as object });
    const last = rows[rows.length - 1];
    if (rows.length < 5000 || !last || last.seq >= upToSeq) return out;
    after = last.seq;
  }
}

/** The snapshot of any projection that can hand over its rows at one seq. */
export function createSnapshotSourceFrom(
  projection: ProjectionRows,
  nowMs: () => number,
  factsUpTo?: (seq: number) => Promise<object[]>,
): SnapshotSource {
  return {
    lastSeq: () => projection.lastSeq(),
    async capture(): Promise<SnapshotCapture> {
      // The facts first (an await), then the state rows with no await until they are handed
      // over: rows may be changed in place by the next catch-up, so they describe `seq` only
      // until then (the service serializes them at once).
      let settled = await projection.settle();
      let facts: object[] = [];
      for (let attempt = 0; factsUpTo; attempt++) {
        facts = await factsUpTo(settled.seq);
        if (!projection.live) break;
        const again = await projection.settle();
        if (again.seq === settled.seq || attempt >= 5) break;
        settled = again;
      }
      const { seq, checksum } = settled;
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
      if (facts.length > 0) parts.push({ table: SNAPSHOT_FACTS_TABLE, rows: facts, kind: 'desk' });
      return { seq, checksum, parts };
    },
  };
}
