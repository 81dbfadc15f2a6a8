/**
 * Facts a pulled page refers to that a laptop started from a snapshot does not hold
 * (docs/sync-protocol.md, "Facts by id"). Its state stands for every fact up to the snapshot's
 * seq, but it holds few of those facts, and a void of a visit, service use, walk-in or
 * (de)registration takes back what its target added only when the target fact is at hand (it
 * says which day, location, device and member). Without it the void would be kept as "arrived
 * before its target" and the counts would stay as they were, unlike every other replica's.
 *
 * So before a page is applied the engine asks which referenced facts are missing, fetches them by
 * id, and keeps those at or below the snapshot's seq as the snapshot's own facts are kept: stored,
 * not applied (the state has them), inside the base for `readLocalChecksum`
 * (`storeFetchedFacts`). Facts above that seq are not stored: the pull brings and applies them.
 */
import type { BuurtpasEvent, EventOf } from '../../domain/events.ts';
import { listReferencedFactIds } from '../../domain/projection/referenced-facts.ts';
import type { BuurtpasDb } from './database.ts';
import { storeFetchedFacts, type FetchedFact } from './member-facts-store.ts';
import { readSnapshotProgress, SNAPSHOT_KEYS } from './snapshot-load.ts';
import { readDeferredVoids } from './snapshot-own-writes.ts';
import { readRestartFacts } from './snapshot-restart.ts';

/**
 * The ids of facts `events` refer to that this laptop lacks, on a laptop that started from a
 * snapshot (others hold every fact they pulled: none are missing there). The page's facts this
 * laptop holds already are not applied again, so what they refer to does not count.
 */
export async function readMissingReferences(
  db: BuurtpasDb,
  events: readonly { event: BuurtpasEvent }[],
): Promise<string[]> {
  const batch = events.map((e) => e.event);
  if (listReferencedFactIds(batch).length === 0) return [];
  return db.transaction('r', [db.events, db.meta], async () => {
    if (!(await db.meta.get(SNAPSHOT_KEYS.base))) return [];
    const heldInPage = await db.events.bulkGet(batch.map((e) => e.eventId));
    const ids = listReferencedFactIds(batch.filter((_, i) => !heldInPage[i]));
    const held = await db.events.bulkGet(ids);
    return ids.filter((_, i) => !held[i]);
  });
}

/**
 * Keeps the fetched facts the snapshot stands for (seq at or below its base, not held yet), not
 * applied; answers how many it stored. Safe to repeat, and safe when the page is never applied:
 * a stored fact at or below the base changes neither the state nor the checksum.
 */
export async function storeReferencedFacts(
  db: BuurtpasDb,
  facts: readonly FetchedFact[],
  loadingSeq?: number,
): Promise<number> {
  return storeFetchedFacts(db, facts, loadingSeq);
}

/**
 * Every page of the snapshot being loaded is in: the facts this laptop's waiting voids void
 * (snapshot-own-writes.ts), and the voids a restart applies at the end (snapshot-restart.ts), that
 * it lacks, with no `payments` or `waivers` row standing in for
 * them, and the snapshot's seq (fetched facts up to it are stored unapplied). Null: no snapshot
 * is loading.
 */
export async function readDeferredVoidTargets(
  db: BuurtpasDb,
): Promise<{ seq: number; ids: string[] } | null> {
  return db.transaction('r', [db.events, db.meta, db.payments, db.waivers], async () => {
    const progress = await readSnapshotProgress(db);
    if (!progress || progress.done) return null;
    // After a restore (or a replaced snapshot) its earlier own facts are applied at the end too.
    const voids = [
      ...(await readDeferredVoids(db, progress.seq)),
      ...(await readRestartFacts(db, progress.seq)),
    ].filter((e): e is EventOf<'event-voided'> => e.type === 'event-voided');
    const ids = [...new Set(voids.map((v) => v.data.targetEventId))].sort();
    const [held, payments, waivers] = await Promise.all([
      db.events.bulkGet(ids),
      db.payments.bulkGet(ids),
      db.waivers.bulkGet(ids),
    ]);
    return {
      seq: progress.seq,
      ids: ids.filter((_, i) => !held[i] && !payments[i] && !waivers[i]),
    };
  });
}
