/**
 * Keeps the derived tables in step with the events table. This module only loads and stores
 * rows: which rows change, and how, is decided by the projection in src/domain/projection, the
 * same rules the server runs. Called inside the same Dexie transaction as the write of the events
 * themselves, for local writes, pulled pages and rebuilds alike.
 *
 * One batch: store the facts new to this laptop, read the rows they touch with one bulkGet per
 * table (`planRows`), let `projectBatch` compute the rows to put (a few more reads when it asks,
 * e.g. an erasure cascading along merges), write them with one bulkPut per table, and take the
 * erased members' personal fields out of every stored payload.
 */
import type { Dexie, Table } from 'dexie';
import { localDateOf } from '../../domain/amsterdam-time.ts';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { memberIdOf } from '../../domain/event-facts.ts';
import {
  MISSING,
  planRows,
  type BatchResult,
  projectBatch,
  type RowReader,
  type RowRequest,
} from '../../domain/projection/apply-batch.ts';
import {
  PROJECTION_TABLES,
  type MemberRow,
  type ProjectionTable,
} from '../../domain/projection/rows.ts';
import { associationOf } from '../../domain/catalog.ts';
import type { StoredEvent } from './stored-event.ts';

export { contributionKey } from '../../domain/projection/rows.ts';

export function toStoredEvent(event: BuurtpasEvent, seq?: number): StoredEvent {
  const row: StoredEvent = {
    eventId: event.eventId,
    day: localDateOf(event.at),
    deviceId: event.deviceId,
    locationId: event.locationId,
    type: event.type,
    event,
  };
  const memberId = memberIdOf(event);
  if (memberId !== undefined) row.memberId = memberId;
  if (seq !== undefined) row.seq = seq;
  return row;
}

/** Table access inside the running transaction: `db.table` or an upgrade's `tx.table`. */
export type TableAccess = (name: string) => Table<unknown, unknown>;

export const tablesOfDb =
  (db: Dexie): TableAccess =>
  (name) =>
    db.table(name);

/** What the projection makes of a batch: the rows to put and the members it erased. */
export type ProjectedFacts = Extract<BatchResult, { ok: true }>;

/**
 * Applies facts already stored in `events` (and not applied before) to the derived tables.
 * Returns the members this batch erased. `isApplied`: which stored facts have been applied
 * already (a void takes back only those); by default every stored one (storeAndApply applies
 * each fact as it stores it); a rebuild, which replays stored facts, says which.
 */
export async function applyStoredFacts(
  table: TableAccess,
  fresh: readonly BuurtpasEvent[],
  isApplied: (eventId: string) => boolean = () => true,
): Promise<string[]> {
  if (fresh.length === 0) return [];
  const projected = await projectFacts(table, fresh, isApplied);
  await writeProjectedRows(table, projected);
  return projected.erased;
}

/** Derived rows already read, per table and key (`undefined`: read, and there is none). */
export type LoadedRows = Map<string, Map<string, unknown>>;

/**
 * The reading half of `applyStoredFacts`: loads the rows the batch touches and lets the projection
 * compute their new values, writing nothing. The scan starts this beside its own reads (one round
 * trip for both) and writes only when it records the visit. `loaded`: rows the caller read
 * already (not read again); it is filled with every row read, so the caller can look at them.
 */
export async function projectFacts(
  table: TableAccess,
  fresh: readonly BuurtpasEvent[],
  isApplied: (eventId: string) => boolean = () => true,
  loaded: LoadedRows = new Map(),
): Promise<ProjectedFacts> {
  const facts = new Map<string, BuurtpasEvent | undefined>();
  const reader: RowReader = {
    row: (t, key) => {
      const rows = loaded.get(t);
      return rows?.has(key) ? (rows.get(key) as never) : MISSING;
    },
    fact: (eventId) => (facts.has(eventId) ? facts.get(eventId) : MISSING),
  };
  for (const e of fresh) facts.set(e.eventId, e);
  let requests = planRows(fresh);
  for (let round = 0; round < 200; round++) {
    await loadRows(table, requests, loaded, facts, isApplied);
    const result = projectBatch(reader, fresh);
    if (result.ok) return result;
    requests = result.missing;
  }
  throw new Error('projection: rows still missing after 200 reads');
}

/** The writing half: one bulkPut per derived table the batch changed. */
export async function writeProjectedRows(
  table: TableAccess,
  projected: ProjectedFacts,
): Promise<void> {
  const writes: Promise<unknown>[] = [];
  for (const t of PROJECTION_TABLES) {
    const rows = projected.changes[t];
    if (rows && rows.size > 0) writes.push(table(t).bulkPut([...rows.values()]));
  }
  await Promise.all(writes);
}

/** Reads the requested rows not read yet; a loaded void target brings the rows it touches. */
async function loadRows(
  table: TableAccess,
  requests: readonly RowRequest[],
  loaded: Map<string, Map<string, unknown>>,
  facts: Map<string, BuurtpasEvent | undefined>,
  isApplied: (eventId: string) => boolean,
): Promise<void> {
  let pending = [...requests];
  while (pending.length > 0) {
    const byTable = new Map<string, Set<string>>();
    for (const r of pending) {
      const have = r.table === 'facts' ? facts : loaded.get(r.table);
      if (have?.has(r.key)) continue;
      let keys = byTable.get(r.table);
      if (!keys) byTable.set(r.table, (keys = new Set()));
      keys.add(r.key);
    }
    const newFacts: BuurtpasEvent[] = [];
    await Promise.all(
      [...byTable].map(async ([name, keySet]) => {
        const keys = [...keySet];
        const rows = await table(name === 'facts' ? 'events' : name).bulkGet(keys);
        keys.forEach((k, i) => {
          if (name === 'facts') {
            const stored = (rows[i] as StoredEvent | undefined)?.event;
            const event = stored && isApplied(k) ? stored : undefined;
            facts.set(k, event);
            if (event) newFacts.push(event);
          } else {
            let m = loaded.get(name);
            if (!m) loaded.set(name, (m = new Map()));
            m.set(k, rows[i]);
          }
        });
      }),
    );
    pending = planRows(newFacts);
  }
}

/**
 * Stores events that are new to this laptop and applies them to the projections, in one
 * read-write transaction over all tables (joining the caller's when one is open). Returns the
 * events that were new.
 *
 * Dexie keeps a transaction alive across `await` only inside an `async` scope function: a plain
 * arrow that returns a promise (`() => storeAndApply(...)`) lets IndexedDB commit early
 * (PrematureCommitError). Hence the async wrapper here, and `async () => { await … }` at callers.
 */
export async function storeAndApply(
  db: Dexie,
  events: readonly { event: BuurtpasEvent; seq?: number }[],
): Promise<BuurtpasEvent[]> {
  return db.transaction('rw', db.tables, async () => {
    return await storeAndApplyInTransaction(tablesOfDb(db), events);
  });
}

export async function storeAndApplyInTransaction(
  table: TableAccess,
  events: readonly { event: BuurtpasEvent; seq?: number }[],
  held?: readonly (StoredEvent | undefined)[],
): Promise<BuurtpasEvent[]> {
  const eventsTable = table('events') as Table<StoredEvent, string>;
  const ids = events.map((e) => e.event.eventId);
  const existing = held ?? (await eventsTable.bulkGet(ids));
  const fresh: BuurtpasEvent[] = [];
  const seqUpdates: StoredEvent[] = [];
  const freshRows: StoredEvent[] = [];
  const seen = new Set<string>();
  events.forEach(({ event, seq }, i) => {
    const have = existing[i];
    if (have) {
      if (seq !== undefined && have.seq !== seq) seqUpdates.push({ ...have, seq });
      return;
    }
    if (seen.has(event.eventId)) return;
    seen.add(event.eventId);
    fresh.push(event);
    freshRows.push(toStoredEvent(event, seq));
  });
  if (freshRows.length > 0) await eventsTable.bulkAdd(freshRows);
  if (seqUpdates.length > 0) await eventsTable.bulkPut(seqUpdates);
  const erased = await applyStoredFacts(table, fresh);
  await redactErased(table, fresh, erased);
  return fresh;
}

/**
 * Erasure: the erased members' personal fields leave every stored payload (pending outbox ones
 * included), and a profile edit for an already erased member is stored without its fields.
 */
export async function redactErased(
  table: TableAccess,
  fresh: readonly BuurtpasEvent[],
  erased: readonly string[],
): Promise<void> {
  const profileMembers = [
    ...new Set(fresh.flatMap((e) => (e.type === 'member-profile-set' ? [e.data.memberId] : []))),
  ];
  const members = (await table('members').bulkGet(profileMembers)) as (MemberRow | undefined)[];
  const targets = new Set(erased);
  members.forEach((m, i) => {
    if (m?.erased) targets.add(profileMembers[i]!);
  });
  const eventsTable = table('events') as Table<StoredEvent, string>;
  for (const memberId of targets) {
    const rows = await eventsTable
      .where('memberId')
      .equals(memberId)
      .filter((r) => r.type === 'member-profile-set')
      .toArray();
    const redacted = rows.flatMap((r) => {
      const event = r.event as Extract<BuurtpasEvent, { type: 'member-profile-set' }>;
      if (Object.keys(event.data.fields).length === 0) return [];
      return [{ ...r, event: { ...event, data: { ...event.data, fields: {} } } }];
    });
    if (redacted.length > 0) await eventsTable.bulkPut(redacted);
  }
}

/** The derived tables, for clearing and rebuilding. */
export const DERIVED_TABLES: readonly ProjectionTable[] = PROJECTION_TABLES;

export { associationOf };
