/**
 * The projection kept in SQL (migration 004, `projection_rows`): what both engines share. The
 * rules are src/domain/projection's `projectBatch`, called here as a laptop calls it: name the rows
 * a batch needs (`planRows`), load just those with one query, project, and write back the rows that
 * changed, in the push's own transaction. Storage only loads and stores rows; it decides nothing.
 */
import { upcastEvent, type BuurtpasEvent } from '../../domain/events.ts';
import { hashEventId, type EventSetChecksum } from '../../domain/event-set-checksum.ts';
import {
  MISSING,
  planRows,
  projectBatch,
  type RowChanges,
  type RowReader,
  type RowRequest,
} from '../../domain/projection/apply-batch.ts';
import {
  PROJECTION_TABLES,
  type ProjectionRows,
  type ProjectionTable,
} from '../../domain/projection/rows.ts';

/** Which rows of a table to read: all, those of some parts (see `partOf`), or some keys. */
export type RowSelection = 'all' | { parts: readonly string[] } | { keys: readonly string[] };

export type ProjectionQuery = { [T in ProjectionTable]?: RowSelection };

export type ProjectionRead = {
  rows: { [T in ProjectionTable]?: ProjectionRows[T][] };
  /** The rows describe exactly the events up to this seq, whose ids give `checksum`. */
  lastSeq: number;
  checksum: EventSetChecksum;
  /**
   * Where the engine can tell: `complete: false` when the read was asked for the rows changed
   * since an earlier read's `changeMark` (then it holds at least every row of the selection
   * changed since, maybe a few more), and a mark for the next such read. Rows are never deleted
   * and never leave the part they are selected by, so the earlier rows with these laid over them
   * are the selection at this read's seq. An engine without marks answers every row.
   */
  complete?: boolean;
  changeMark?: string;
};

/** A read of the rows changed since an earlier read (`ProjectionRead.changeMark`). */
export type ProjectionReadOptions = { changedSince?: string };

/**
 * One part of a paged read (`readProjectionPages`): a table's rows (all, only some parts, or all
 * but some parts; in key order, or newest part first: visit history day by day), or the stored
 * events of some types up to the read's seq (the snapshot's facts).
 */
export type RowPageRequest =
  | {
      table: ProjectionTable;
      parts?: { only: readonly string[] } | { except: readonly string[] };
      newestPartFirst?: boolean;
    }
  | { eventTypes: readonly string[] };

/** A row of a paged read as stored: its JSON text (an event's body, with `seq`, for events). */
export type StoredRowText = { part: string | null; body: string; seq?: number };

/** What a paged read describes: the events up to `lastSeq`, whose ids give `checksum`. */
export type PagedReadState = { lastSeq: number; checksum: EventSetChecksum };

/**
 * A row as stored: `part` is what readers select by (migration 004 says which). `samePart`: the
 * row is stored already, under this same part, so only its body needs writing (SQLite then leaves
 * both indexes alone; an upsert that sets `part` to its old value still rewrites its index entry).
 */
export type EncodedRow = {
  tbl: ProjectionTable;
  key: string;
  part: string | null;
  body: string;
  samePart?: boolean;
  /** The member the row belongs to, where it has one (SQLite stores a batch's rows by member). */
  memberId?: string;
};

const YEAR_TABLES: ReadonlySet<ProjectionTable> = new Set([
  'payments',
  'waivers',
  'contributions',
  'reportActivity',
  'reportWalkIns',
]);

const DAY_TABLES: ReadonlySet<ProjectionTable> = new Set(['visitDays', 'dayCounters']);

export function partOf(table: ProjectionTable, row: object): string | null {
  const r = row as { year?: number; day?: string; mergedInto?: string | null };
  if (YEAR_TABLES.has(table)) return String(r.year);
  if (DAY_TABLES.has(table)) return String(r.day);
  if (table === 'members') return r.mergedInto ? 'merged' : null;
  return null;
}

/**
 * Whether `partOf` may give a table's rows no part (NULL). Tables of a year or a day always have
 * one, so a read of them in part order need not look for rows without (SQLite's part index holds
 * only rows with a part: migration 007).
 */
export function mayHoldPartlessRows(table: ProjectionTable): boolean {
  return !YEAR_TABLES.has(table) && !DAY_TABLES.has(table);
}

/** The changed rows as stored; with `loaded`, rows whose text did not change are left out. */
export function encodeChanges(changes: RowChanges, loaded?: LoadedRows): EncodedRow[] {
  const out: EncodedRow[] = [];
  for (const tbl of PROJECTION_TABLES) {
    const changed = changes[tbl] as Map<string, object> | undefined;
    if (!changed) continue;
    const texts = loaded?.textsOf(tbl);
    for (const [key, row] of changed) {
      const body = JSON.stringify(row);
      const stored = texts?.get(key);
      if (stored === body) continue;
      const part = partOf(tbl, row);
      const samePart = stored !== undefined && loaded?.storedPartOf(tbl, key) === part;
      const memberId = (row as { memberId?: unknown }).memberId;
      out.push({
        tbl,
        key,
        part,
        body,
        samePart,
        memberId: typeof memberId === 'string' ? memberId : undefined,
      });
    }
  }
  return out;
}

/**
 * Rows and facts loaded for one batch, a map per table (facts under 'facts'): a key present with
 * `undefined` is loaded and absent. Per-table maps, not one map of "table+key" strings: a push asks
 * for some 1.400 rows, and building a joined string for each ask cost more than the lookups.
 */
export class LoadedRows {
  private readonly tables = new Map<string, Map<string, unknown>>();
  /** The stored text of each loaded row, so an unchanged row is not written again. */
  private readonly texts = new Map<string, Map<string, string>>();
  /** The part each loaded row is stored under (taken at load: the rules may reuse the object). */
  private readonly parts = new Map<string, Map<string, string | null>>();
  /** The batch whose `planRows` requests are loaded already (stepProjection's first step). */
  plannedFor: readonly BuurtpasEvent[] | undefined;

  private tableOf(table: string): Map<string, unknown> {
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new Map()));
    return rows;
  }

  textsOf(table: string): ReadonlyMap<string, string> | undefined {
    return this.texts.get(table);
  }

  /** The part a loaded row is stored under; `undefined` for a row not loaded or absent. */
  storedPartOf(table: string, key: string): string | null | undefined {
    return this.parts.get(table)?.get(key);
  }

  /** The loaded row (or fact), `undefined` when loaded and absent, MISSING when not loaded. */
  get(table: string, key: string): unknown {
    const rows = this.tables.get(table);
    return rows?.has(key) ? rows.get(key) : MISSING;
  }

  /** The requests not loaded yet (each once). */
  unloaded(requests: readonly RowRequest[]): RowRequest[] {
    const out: RowRequest[] = [];
    const asked = new Map<string, Set<string>>();
    for (const r of requests) {
      if (this.tables.get(r.table)?.has(r.key)) continue;
      let keys = asked.get(r.table);
      if (!keys) asked.set(r.table, (keys = new Set()));
      if (keys.has(r.key)) continue;
      keys.add(r.key);
      out.push(r);
    }
    return out;
  }

  /** Marks every request loaded (absent unless `setRow`/`setFact` was called for it). */
  settle(requests: readonly RowRequest[]): void {
    for (const r of requests) {
      const rows = this.tableOf(r.table);
      if (!rows.has(r.key)) rows.set(r.key, undefined);
    }
  }

  setRow(table: string, key: string, body: string): void {
    const row = JSON.parse(body) as object;
    this.tableOf(table).set(key, row);
    let texts = this.texts.get(table);
    if (!texts) this.texts.set(table, (texts = new Map()));
    texts.set(key, body);
    let parts = this.parts.get(table);
    if (!parts) this.parts.set(table, (parts = new Map()));
    parts.set(key, partOf(table as ProjectionTable, row));
  }

  setFact(eventId: string, body: string): void {
    this.tableOf('facts').set(eventId, upcastEvent(JSON.parse(body)) as BuurtpasEvent);
  }
}

export type ProjectStep =
  { done: true; changes: RowChanges; erased: string[] } | { done: false; load: RowRequest[] };

/**
 * One attempt: projects `events` (new to the projection, each once) over what `loaded` holds, or
 * names what to load first. The first call asks for `planRows`; cascades may ask once more.
 */
export function stepProjection(events: readonly BuurtpasEvent[], loaded: LoadedRows): ProjectStep {
  // The plan is made once per batch: the caller loads (and settles) all of it before calling again.
  if (loaded.plannedFor !== events) {
    loaded.plannedFor = events;
    const planned = loaded.unloaded(planRows(events));
    if (planned.length > 0) return { done: false, load: planned };
  }
  // A loop, not `new Map(events.map(...))`: no pair array per fact.
  const byId = new Map<string, BuurtpasEvent>();
  for (const e of events) byId.set(e.eventId, e);
  const reader: RowReader = {
    row: (table, key) => loaded.get(table, key) as never,
    fact: (eventId) => byId.get(eventId) ?? (loaded.get('facts', eventId) as never),
  };
  const result = projectBatch(reader, events);
  if (!result.ok) {
    const load = loaded.unloaded(result.missing);
    if (load.length === 0) throw new Error('projection asked again for rows it was given');
    return { done: false, load };
  }
  return { done: true, changes: result.changes, erased: result.erased };
}

const MASK = (1n << 64n) - 1n;

/** The stored checksum with these event ids added (event-set-checksum.ts, kept as hex text). */
export function addToStoredChecksum(
  count: number,
  sumHex: string,
  eventIds: readonly string[],
): EventSetChecksum {
  let sum = BigInt(`0x${sumHex}`);
  for (const id of eventIds) sum = (sum + hashEventId(id)) & MASK;
  return { count: count + eventIds.length, sum: sum.toString(16).padStart(16, '0') };
}

/** Requests grouped by table (facts under 'facts'), for one query per table. */
export function keysByTable(requests: readonly RowRequest[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of requests) {
    const list = out.get(r.table);
    if (list) list.push(r.key);
    else out.set(r.table, [r.key]);
  }
  return out;
}

/** Parses stored rows (JSON text) into the read's tables. */
export function decodeRows(
  query: ProjectionQuery,
  found: readonly { tbl: string; body: string }[],
): ProjectionRead['rows'] {
  const rows: Record<string, unknown[]> = {};
  for (const t of Object.keys(query)) rows[t] = [];
  for (const r of found) rows[r.tbl]?.push(JSON.parse(r.body));
  return rows as ProjectionRead['rows'];
}
