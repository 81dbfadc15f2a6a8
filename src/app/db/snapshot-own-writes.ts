/**
 * Desk writes made while a snapshot's later pages still come in (docs/sync-protocol.md,
 * "Snapshot"). A new laptop scans as soon as the desk part is in; each write is applied to the
 * local rows at once. A later page can hold a row such a write touched (the walk-in service's
 * tally of the year in `reportWalkIns`, last year's `contributions`, this laptop's day counter
 * after a restore): the server's version, which lacks the write, since the snapshot stands for
 * the facts up to its seq only. Stored as it is, the page would take the write's effect for good
 * (the pull after the snapshot skips the fact as held), while the server counts it.
 *
 * So before a page is stored, this laptop's facts written since the snapshot began are projected
 * again with the page's rows in place of the current ones for the page's keys (and the current
 * rows elsewhere), and the page is stored with the rows that gives. Only rows of the page are
 * written: every other row already carries those facts' effect. Sound because each rule writes a
 * row as a function of that row's value and the fact, reading other rows only for the fact's own
 * state (is it voided: the void is one of these own facts, so a voided fact adds 0 and its void,
 * already held, takes back nothing; the payment a void takes back; a waiver's voids) — rows whose
 * current value is what it would be had the page come first. Runs inside the page's transaction
 * (every table in it), so a desk write lands wholly before the page (re-projected here) or after
 * it (applied over the page's rows).
 *
 * Which facts: those of this device the snapshot does not stand for (no seq, or one above the
 * snapshot's). After a restore (snapshot-restart.ts) its facts up to the clock remembered when the
 * snapshot began are left out: their effect was emptied with the tables, and `finishSnapshot`
 * applies them at the end.
 *
 * Voids of any other fact (one older than the snapshot, held as a `payments` or `waivers` row or
 * not at all; after a restore one of those own facts left out) wait for the snapshot's end (a
 * payment's or waiver's only until the counts are in): they are stored and queued when written
 * but not applied (`listVoidsToDefer`), and `finishSnapshot` applies them over the complete rows,
 * after the facts they void were fetched by id
 * (sync/referenced-facts-client.ts). Applied at once they would be wrong whichever way a page
 * came: what the void takes back (last year's contribution, a day counter, the report's activity)
 * can sit in a later page, which re-projecting the void would not reach (its own void row says
 * "taken back already"); the target may be voided in the snapshot already, which only the
 * `voids` page, later, tells; and a visit's void takes back only where the visit fact says.
 */
import type { BuurtpasEvent, EventOf } from '../../domain/events.ts';
import { planRows } from '../../domain/projection/apply-batch.ts';
import { primaryKeyOf, type ProjectionTable } from '../../domain/projection/rows.ts';
import { projectFacts, tablesOfDb, type LoadedRows } from './apply-events.ts';
import type { BuurtpasDb } from './database.ts';
import type { StoredEvent } from './stored-event.ts';
import { readSnapshotProgress } from './snapshot-progress.ts';
import { compareByHlc, readOwnFacts, readSnapshotRestart } from './snapshot-restart.ts';
import { readSyncConnection } from './sync-state.ts';

/** This device's facts written since the snapshot at `seq` began, oldest first. */
async function readOwnWritesSince(db: BuurtpasDb, seq: number): Promise<StoredEvent[]> {
  const deviceId = (await readSyncConnection(db))?.deviceId;
  if (deviceId === undefined) return [];
  const upTo = (await readSnapshotRestart(db))?.upToHlc ?? null;
  return (await readOwnFacts(db, deviceId))
    .filter((row) => row.seq === undefined || row.seq > seq)
    .filter((row) => upTo === null || row.event.hlc > upTo)
    .sort(compareByHlc);
}

/** A void of a fact outside `ids` (the own facts re-projected onto pages). */
function isOutsideVoid(event: BuurtpasEvent, ids: ReadonlySet<string>): boolean {
  return event.type === 'event-voided' && !ids.has(event.data.targetEventId);
}

/** Since the snapshot at `seq` began: own facts re-projected onto pages, and voids that wait. */
async function readOwnWritesSplit(
  db: BuurtpasDb,
  seq: number,
): Promise<{ projected: StoredEvent[]; deferred: StoredEvent[] }> {
  const own = await readOwnWritesSince(db, seq);
  const ids = new Set(own.map((row) => row.eventId));
  return {
    projected: own.filter((row) => !isOutsideVoid(row.event, ids)),
    deferred: own.filter((row) => isOutsideVoid(row.event, ids)),
  };
}

/**
 * Inside a write's transaction (every table in it): the ids of the voids among `events` that
 * wait for the end of the snapshot being loaded (none when no snapshot is loading, and no read at
 * all for a write without a void: the scan's path).
 *
 * Once the counts' pages are in (the treasurer's screens fill then), a void of a payment or a
 * waiver is applied at once: every row it takes back from is here, and so is the snapshot's void
 * row of its target (the rest is visit history, which no void touches). `finishSnapshot` applies
 * it again, which changes nothing (its own void row is the target's). Not so after a restore:
 * this laptop's earlier facts have no effect in the rows until the end.
 */
export async function listVoidsToDefer(
  db: BuurtpasDb,
  events: readonly BuurtpasEvent[],
): Promise<Set<string>> {
  if (!events.some((e) => e.type === 'event-voided')) return new Set();
  const progress = await readSnapshotProgress(db);
  if (!progress || progress.done) return new Set();
  const own = await readOwnWritesSince(db, progress.seq);
  const ids = new Set([...own.map((row) => row.eventId), ...events.map((e) => e.eventId)]);
  const outside = events.filter(
    (e): e is EventOf<'event-voided'> => e.type === 'event-voided' && isOutsideVoid(e, ids),
  );
  if (outside.length === 0) return new Set();
  if (!progress.countsReady || progress.replaced || (await readSnapshotRestart(db)))
    return new Set(outside.map((e) => e.eventId));
  const targets = outside.map((e) => e.data.targetEventId);
  const [payments, waivers] = await Promise.all([
    db.payments.bulkGet(targets),
    db.waivers.bulkGet(targets),
  ]);
  return new Set(outside.filter((_, i) => !payments[i] && !waivers[i]).map((e) => e.eventId));
}

/**
 * Inside `finishSnapshot`'s transaction, before a restart's end: the voids that waited for the
 * snapshot at `seq`, oldest first (applied there over the complete rows).
 */
export async function readDeferredVoids(db: BuurtpasDb, seq: number): Promise<BuurtpasEvent[]> {
  return (await readOwnWritesSplit(db, seq)).deferred.map((row) => row.event);
}

/**
 * Whether one of the facts (or a fact one of them voids, whose rows the void takes back) plans a
 * row of this page: most pages (the visit history) hold none, and are stored as they come.
 */
async function touchesPage(
  db: BuurtpasDb,
  own: readonly StoredEvent[],
  table: ProjectionTable,
  pageRows: ReadonlyMap<string, unknown>,
): Promise<boolean> {
  const events = own.map((row) => row.event);
  // An erasure cascades along merges to rows no plan names: always projected.
  if (events.some((e) => e.type === 'member-erased' || e.type === 'members-merged')) return true;
  const targets = events.flatMap((e) => (e.type === 'event-voided' ? [e.data.targetEventId] : []));
  for (const target of await db.events.bulkGet(targets)) if (target) events.push(target.event);
  return planRows(events).some((r) => r.table === table && pageRows.has(r.key));
}

/**
 * Inside the page's transaction (every table in it): the page's rows with the effect of this
 * laptop's facts written since the snapshot at `seq` began. The same rows when there are none.
 */
export async function withOwnWrites(
  db: BuurtpasDb,
  table: ProjectionTable,
  rows: readonly object[],
  seq: number,
): Promise<object[]> {
  const own = (await readOwnWritesSplit(db, seq)).projected;
  if (own.length === 0 || rows.length === 0) return [...rows];
  const pageRows = new Map<string, unknown>();
  for (const row of rows) pageRows.set(primaryKeyOf(table, row as never), row);
  if (!(await touchesPage(db, own, table, pageRows))) return [...rows];
  // The page's rows stand in for the current ones at its keys; the rest is read as it is.
  const loaded: LoadedRows = new Map([[table, new Map(pageRows)]]);
  const projected = await projectFacts(
    tablesOfDb(db),
    own.map((row) => row.event),
    () => true,
    loaded,
  );
  const changed = projected.changes[table] as Map<string, object> | undefined;
  if (!changed) return [...rows];
  return rows.map((row) => {
    const key = primaryKeyOf(table, row as never);
    return changed.get(key) ?? row;
  });
}
