/**
 * The server's generation id, as this laptop last saw it. It changes only when the server is
 * restored from a backup (docs/server.md, "Restore"): the server may then lack facts this
 * laptop already pushed, and its `seq` numbers no longer match this laptop's cursor. So, in one
 * transaction: every event this laptop wrote goes back into the outbox (the server answers
 * `duplicate` for what it still has, by eventId), both pull cursors go back to 0 (held events
 * are skipped on the way), and the new id is remembered.
 *
 * A laptop that started from a snapshot holds state rows for the facts before it, not the facts:
 * pulling from 0 would count those twice. It starts again from the restored server's snapshot,
 * keeping its own facts (snapshot-restart.ts).
 */
import type { BuurtpasDb } from './database.ts';
import { SNAPSHOT_KEYS } from './snapshot-progress.ts';
import {
  compareByHlc,
  markSnapshotRestart,
  readOwnFacts,
  readSnapshotRestart,
} from './snapshot-restart.ts';
import { SYNC_KEYS, writeBootstrap } from './sync-state.ts';

const GENERATION_KEY = 'sync.generation';

export async function readServerGeneration(db: BuurtpasDb): Promise<string | undefined> {
  return (await db.meta.get(GENERATION_KEY))?.value as string | undefined;
}

export async function rememberServerGeneration(db: BuurtpasDb, generation: string): Promise<void> {
  await db.meta.put({ key: GENERATION_KEY, value: generation });
}

/** Re-queues this laptop's own events and resets the cursors; answers how many were queued. */
export async function adoptRestoredServer(
  db: BuurtpasDb,
  deviceId: string,
  generation: string,
): Promise<number> {
  return db.transaction('rw', db.events, db.outbox, db.meta, async () => {
    const own = await readOwnFacts(db, deviceId);
    const queued = new Set((await db.outbox.toArray()).map((row) => row.eventId));
    // HLC order is this laptop's write order: a pass is re-sent before the visits that use it.
    const missing = own.filter((row) => !queued.has(row.eventId)).sort(compareByHlc);
    await db.outbox.bulkAdd(missing.map((row) => ({ eventId: row.eventId })));
    const [base, progress, restart] = await Promise.all([
      db.meta.get(SNAPSHOT_KEYS.base),
      db.meta.get(SNAPSHOT_KEYS.progress),
      readSnapshotRestart(db),
    ]);
    if (base || progress || restart) {
      await markSnapshotRestart(db, deviceId);
      await db.meta.bulkDelete([SNAPSHOT_KEYS.base, SNAPSHOT_KEYS.progress]);
      // Not ready to scan until the new snapshot's desk pages are in: the progress a new laptop shows.
      await writeBootstrap(db, { phase: 'priority', pulled: 0, total: 0 });
    }
    await db.meta.bulkPut([
      { key: SYNC_KEYS.cursor, value: 0 },
      { key: SYNC_KEYS.priorityCursor, value: 0 },
      { key: GENERATION_KEY, value: generation },
    ]);
    return missing.length;
  });
}
