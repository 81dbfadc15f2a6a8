/**
 * Pulled pages: stored and applied with the very code a local write uses (apply-events.ts), which
 * already reads the rows a page touches with one bulkGet per table and writes them back with one
 * bulkPut per table. Must run inside a read-write transaction over all tables (the page's, which
 * also advances the cursor).
 */
import Dexie, { type Transaction } from 'dexie';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { storeAndApplyInTransaction } from './apply-events.ts';
import type { BuurtpasDb, StoredEvent } from './database.ts';

/**
 * Stores and applies a pulled page; returns how many events were new to this laptop. `held`: the
 * stored rows for `events` (same order), when the caller has read them already.
 */
export async function applyPulledEvents(
  _db: BuurtpasDb,
  events: readonly { seq: number; event: BuurtpasEvent }[],
  held?: readonly (StoredEvent | undefined)[],
): Promise<number> {
  if (events.length === 0) return 0;
  const tx = Dexie.currentTransaction as Transaction | null;
  if (!tx || tx.mode !== 'readwrite')
    throw new Error('applyPulledEvents must run inside a read-write transaction');
  const fresh = await storeAndApplyInTransaction((name) => tx.table(name), events, held);
  return fresh.length;
}
