/**
 * The server may lower an event's clocks: a laptop clock far ahead has its HLC and its `at`
 * clamped (docs/sync-protocol.md). The laptop that wrote the event applied its unclamped copy, so
 * without this every row that copy touched (the member's field winners, but also the day of a
 * visit, a day counter, a registration's date, a void's or an amount's stamp) would differ from
 * every other replica. When a pulled copy of an event this laptop already holds carries another
 * `hlc` or `at`, the server's copy is the truth: the stored copy takes those clocks (its payload
 * stays: it may be redacted already), and the derived tables are rebuilt from the stored facts
 * with the one projection (rebuild-projections.ts). Nothing here decides a row.
 *
 * Runs inside the page transaction (sync-pull.ts), after the page itself was applied.
 */
import Dexie from 'dexie';
import { localDateOf } from '../../domain/amsterdam-time.ts';
import type { BuurtpasEvent } from '../../domain/events.ts';
import type { BuurtpasDb, StoredEvent } from './database.ts';
import { rebuildInTransaction } from './rebuild-projections.ts';

/** Pulled events whose held copy has other clocks, and the held rows (read before the page is applied). */
export async function findReclocked(
  db: BuurtpasDb,
  pulled: readonly { event: BuurtpasEvent }[],
): Promise<{ reclocked: BuurtpasEvent[]; held: (StoredEvent | undefined)[] }> {
  const held = await db.events.bulkGet(pulled.map((p) => p.event.eventId));
  const reclocked = pulled.flatMap((p, i) => {
    const h = held[i];
    return h && (h.event.hlc !== p.event.hlc || h.event.at !== p.event.at) ? [p.event] : [];
  });
  return { reclocked, held };
}

export async function adoptServerClocks(
  db: BuurtpasDb,
  reclocked: readonly BuurtpasEvent[],
): Promise<void> {
  if (reclocked.length === 0) return;
  const stored = await db.events.bulkGet(reclocked.map((e) => e.eventId));
  const updates: StoredEvent[] = [];
  reclocked.forEach((pulled, i) => {
    const row = stored[i];
    if (!row) return;
    updates.push({
      ...row,
      day: localDateOf(pulled.at),
      event: { ...row.event, hlc: pulled.hlc, at: pulled.at } as BuurtpasEvent,
    });
  });
  if (updates.length === 0) return;
  await db.events.bulkPut(updates);
  // The unclamped copies' effects cannot be taken back row by row (sums, sets of dates): the
  // tables are recomputed from the facts, now the server's, inside this page's transaction.
  const tx = Dexie.currentTransaction;
  if (!tx || tx.mode !== 'readwrite')
    throw new Error('adoptServerClocks must run inside a read-write transaction');
  await rebuildInTransaction(tx);
}
