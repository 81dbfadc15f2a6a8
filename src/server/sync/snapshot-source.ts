/**
 * The snapshot's rows come from the server's one projection, the same src/domain rules and row
 * shapes the laptops hold in Dexie: the rows every push keeps in SQL, read page by page in one
 * consistent snapshot (`Storage.readProjectionPages`) and handed on as their stored JSON text.
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
import { PROJECTION_TABLES, type ProjectionTable } from '../../domain/projection/rows.ts';
import {
  MAX_SNAPSHOT_PAGE_ROWS,
  SNAPSHOT_FACT_TYPES,
  SNAPSHOT_FACTS_TABLE,
} from '../../domain/snapshot-protocol.ts';
import type { Storage } from '../storage/storage.ts';
import type { RowPageRequest } from '../storage/stored-projection.ts';
import type { SummaryCache } from './summary-cache.ts';
import type { SnapshotPartKind, SnapshotSource } from './snapshot-service.ts';

const DESK_TABLES: ReadonlySet<ProjectionTable> = new Set([
  'members',
  'passes',
  'registrations',
  'memberships',
  'amounts',
  'services',
  'lastVisits',
]);

/**
 * The snapshot of the projection storage keeps (build-server.ts's default), streamed: one
 * consistent paged read (`readProjectionPages`) of the parts in the build's order, each page
 * handed to the sink as the stored JSON text, so neither the rows nor their objects are held.
 */
export function createProjectionSnapshotSource(
  _cache: SummaryCache,
  storage: Pick<Storage, 'lastSeq' | 'readProjectionPages'>,
  nowMs: () => number,
): SnapshotSource {
  return {
    lastSeq: () => storage.lastSeq(),
    async stream(sink) {
      const year = String(localYearOf(nowMs()));
      const today = localDateOf(nowMs());
      const plan = snapshotReadPlan(year, today);
      let begun = false;
      const read = await storage.readProjectionPages(
        plan.map((p) => p.request),
        MAX_SNAPSHOT_PAGE_ROWS,
        (request, rows, state) => {
          if (!begun) {
            sink.begin(state.lastSeq);
            begun = true;
          }
          const part = plan.find((p) => p.request === request)!;
          if ('eventTypes' in request)
            sink.rows(
              SNAPSHOT_FACTS_TABLE,
              part.kind,
              rows.map((r) => `{"seq":${Number(r.seq)},"event":${r.body}}`),
            );
          else
            sink.rows(
              request.table,
              part.kind,
              rows.map((r) => r.body),
              rows.map((r) => r.part),
            );
        },
      );
      if (!begun) sink.begin(read.lastSeq);
      return { seq: read.lastSeq, checksum: read.checksum };
    },
  };
}

/** Split by part (the year, or the day): the current one goes with the desk's. */
const CURRENT_PART: Partial<Record<ProjectionTable, 'year' | 'day'>> = {
  contributions: 'year',
  reportActivity: 'year',
  visitDays: 'day',
};

/** The paged read's requests in the build's order: the desk's, the counts', then history. */
export function snapshotReadPlan(
  year: string,
  today: string,
): { request: RowPageRequest; kind: SnapshotPartKind }[] {
  const desk: { request: RowPageRequest; kind: SnapshotPartKind }[] = [];
  const counts: { request: RowPageRequest; kind: SnapshotPartKind }[] = [];
  const history: { request: RowPageRequest; kind: SnapshotPartKind }[] = [];
  for (const table of PROJECTION_TABLES) {
    const split = CURRENT_PART[table];
    if (split) {
      const current = split === 'year' ? year : today;
      desk.push({ request: { table, parts: { only: [current] } }, kind: 'desk' });
      // Newest day first: a laptop keeping the last months takes the leading pages only.
      if (table === 'visitDays')
        history.push({
          request: { table, parts: { except: [current] }, newestPartFirst: true },
          kind: 'history',
        });
      else counts.push({ request: { table, parts: { except: [current] } }, kind: 'counts' });
    } else if (DESK_TABLES.has(table)) desk.push({ request: { table }, kind: 'desk' });
    else counts.push({ request: { table }, kind: 'counts' });
  }
  desk.push({ request: { eventTypes: SNAPSHOT_FACT_TYPES }, kind: 'desk' });
  return [...desk, ...counts, ...history];
}
