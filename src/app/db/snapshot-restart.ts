/**
 * A laptop that started from a snapshot, after the server was restored from a backup
 * (docs/sync-protocol.md, "Restore"). It holds the snapshot's state rows, not the facts before its
 * snapshot, so the usual answer to a new generation (pull again from 0, skipping held facts)
 * would fold those facts a second time into rows that already count them. Instead it starts
 * again from the restored server's snapshot, as a new laptop does, and keeps its own facts:
 *
 * 1. On the new generation (sync-generation.ts) its own facts go back into the outbox and lose
 *    their old `seq` (the restored server numbers them anew when they are pushed), and a restart
 *    record is written; the state rows stay usable until the new snapshot begins.
 * 2. When the new snapshot begins (snapshot-load.ts, `startSnapshot`) the state tables are
 *    emptied as for any snapshot, every fact not written here is dropped (the snapshot and the
 *    pulls after it bring the server's back), and the clock of this laptop's newest fact then is
 *    kept: facts up to it had their effect in the rows just emptied.
 * 3. When every page is in (`finishSnapshot`), in the same transaction that sets the cursor to the
 *    snapshot's seq, those own facts the snapshot does not stand for (no seq on the restored
 *    server, or one above the snapshot's) are applied to the new rows. The pulls after the
 *    snapshot skip them as held, so each counts once. Facts written while the snapshot loads
 *    were applied to the new rows as they were written.
 *
 * A restored server that offers no snapshot: the laptop falls back to the whole history
 * (`replayOwnFacts`): state emptied, other facts dropped, its own applied, then pulled from 0.
 */
import Dexie from 'dexie';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { applyStoredFacts, DERIVED_TABLES, tablesOfDb } from './apply-events.ts';
import type { BuurtpasDb, StoredEvent } from './database.ts';
import { readSyncConnection } from './sync-state.ts';

const RESTART_KEY = 'snapshot.restart';

/** This laptop's device id, and (once a snapshot began) the clock of its newest fact then. */
export type SnapshotRestart = { deviceId: string; upToHlc?: string | null };

export async function readSnapshotRestart(db: BuurtpasDb): Promise<SnapshotRestart | undefined> {
  return (await db.meta.get(RESTART_KEY))?.value as SnapshotRestart | undefined;
}

/** Inside a transaction over events and meta: the restart record, own facts without old seqs. */
export async function markSnapshotRestart(db: BuurtpasDb, deviceId: string): Promise<void> {
  const own = await readOwnFacts(db, deviceId);
  const renumbered = own.filter((row) => row.seq !== undefined).map(withoutSeq);
  if (renumbered.length > 0) await db.events.bulkPut(renumbered);
  await db.meta.put({ key: RESTART_KEY, value: { deviceId } satisfies SnapshotRestart });
}

function withoutSeq(row: StoredEvent): StoredEvent {
  const { seq: _seq, ...rest } = row;
  return rest;
}

/** This device's facts, in no particular order (by the `[deviceId+day]` index). */
export function readOwnFacts(db: BuurtpasDb, deviceId: string): Promise<StoredEvent[]> {
  return db.events
    .where('[deviceId+day]')
    .between([deviceId, Dexie.minKey], [deviceId, Dexie.maxKey])
    .toArray();
}

/** Oldest first: HLC order is this laptop's write order. */
export const compareByHlc = (a: StoredEvent, b: StoredEvent) =>
  a.event.hlc < b.event.hlc ? -1 : a.event.hlc > b.event.hlc ? 1 : 0;

/**
 * Inside `startSnapshot`'s transaction (events and meta in it), when a restart is under way: the
 * facts of others leave, and the newest own fact's clock is remembered.
 */
export async function beginSnapshotRestart(db: BuurtpasDb): Promise<void> {
  let restart = await readSnapshotRestart(db);
  if (!restart) {
    // A new laptop whose snapshot began again (replaced, 410) after it wrote facts: emptying the
    // tables takes their effect, so they are treated as after a restore.
    const deviceId = (await readSyncConnection(db))?.deviceId;
    if (deviceId === undefined || (await readOwnFacts(db, deviceId)).length === 0) return;
    restart = { deviceId };
  }
  const { deviceId } = restart;
  await db.events.filter((row) => row.deviceId !== deviceId).delete();
  const own = await readOwnFacts(db, deviceId);
  const upToHlc = own.reduce<string | null>(
    (max, row) => (max === null || row.event.hlc > max ? row.event.hlc : max),
    null,
  );
  await db.meta.put({ key: RESTART_KEY, value: { deviceId, upToHlc } satisfies SnapshotRestart });
}

/**
 * Inside `finishSnapshot`'s transaction (every table in it): own facts up to the remembered clock
 * that the snapshot at `seq` does not stand for are applied; the restart is over ('finished').
 *
 * Facts written while the pages came in (after the clock) need nothing here: each page was
 * stored with their effect projected onto its rows (snapshot-own-writes.ts), and their voids of
 * facts up to the clock waited and are applied by `finishSnapshot` after these.
 */
export async function finishSnapshotRestart(
  db: BuurtpasDb,
  seq: number,
): Promise<'none' | 'finished'> {
  const restart = await readSnapshotRestart(db);
  if (!restart) return 'none';
  await applyStoredFacts(tablesOfDb(db), await readRestartFacts(db, seq));
  await db.meta.delete(RESTART_KEY);
  return 'finished';
}

/**
 * The own facts a restart applies at the end of the snapshot at `seq`, oldest first: those up to
 * the remembered clock that the snapshot does not stand for. None when no restart is under way.
 */
export async function readRestartFacts(db: BuurtpasDb, seq: number): Promise<BuurtpasEvent[]> {
  const restart = await readSnapshotRestart(db);
  if (!restart) return [];
  const upTo = restart.upToHlc ?? null;
  const own = await readOwnFacts(db, restart.deviceId);
  return own
    .filter(
      (row) => upTo !== null && row.event.hlc <= upTo && (row.seq === undefined || row.seq > seq),
    )
    .sort(compareByHlc)
    .map((row) => row.event);
}

/**
 * The restored server offers no snapshot: the state is rebuilt from this laptop's own facts
 * alone, every other fact dropped, and the whole history pulled from 0 after (held own facts
 * are skipped there). One transaction.
 */
export async function replayOwnFacts(db: BuurtpasDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    const restart = await readSnapshotRestart(db);
    if (!restart) return;
    await Promise.all(DERIVED_TABLES.map((t) => db.table(t).clear()));
    await db.events.filter((row) => row.deviceId !== restart.deviceId).delete();
    const own = (await readOwnFacts(db, restart.deviceId)).sort(compareByHlc);
    await applyStoredFacts(
      tablesOfDb(db),
      own.map((row) => row.event),
    );
    await db.meta.delete(RESTART_KEY);
  });
}
