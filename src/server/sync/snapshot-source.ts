/**
 * The snapshot's rows come from the server's one projection (summary-cache.ts: rows kept in SQL by
 * every push), the same src/domain rules and row shapes the laptops hold in Dexie. The desk's tables go first: members,
 * passes, memberships, amounts, services, this year's contributions and today's visit-days (for
 * "already here since 10:42"); then the rest (earlier years, the treasurer's and the report's).
 */
import { localDateOf, localYearOf } from '../../domain/amsterdam-time.ts';
import { PROJECTION_TABLES, type ProjectionTable } from '../../domain/projection/rows.ts';
import type { SnapshotPart } from '../../domain/snapshot-protocol.ts';
import type { Storage } from '../storage/storage.ts';
import type { SummaryCache } from './summary-cache.ts';
import type { SnapshotSource } from './snapshot-service.ts';

const SCAN_TABLES: ReadonlySet<ProjectionTable> = new Set([
  'members',
  'passes',
  'memberships',
  'amounts',
  'services',
]);

export function createProjectionSnapshotSource(
  cache: SummaryCache,
  storage: Storage,
  nowMs: () => number,
): SnapshotSource {
  return {
    lastSeq: () => storage.lastSeq(),
    async capture() {
      // One read: every row with the seq and checksum they describe.
      const { state, lastSeq: stateSeq, checksum } = await cache.projection();
      const year = localYearOf(nowMs());
      const today = localDateOf(nowMs());
      const parts: SnapshotPart[] = [];
      for (const table of PROJECTION_TABLES) {
        const rows = [...(state[table] as Map<string, object>).values()];
        if (table === 'contributions' || table === 'visitDays') {
          const isNow =
            table === 'contributions'
              ? (r: object) => (r as { year: number }).year === year
              : (r: object) => (r as { day: string }).day === today;
          parts.push({ table, rows: rows.filter(isNow), forScan: true });
          parts.push({ table, rows: rows.filter((r) => !isNow(r)), forScan: false });
        } else parts.push({ table, rows, forScan: SCAN_TABLES.has(table) });
      }
      return { seq: stateSeq, checksum, parts };
    },
  };
}
