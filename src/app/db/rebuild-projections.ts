/**
 * Rebuild from facts: every derived table emptied and recomputed from `events`, page by page,
 * with the very code that applies each new fact (apply-events.ts → src/domain/projection). Schema
 * upgrades use it, and the data-safety panel offers it ("Tellingen opnieuw opbouwen").
 *
 * One read-write transaction over every table: a fact recorded meanwhile waits for the rebuild
 * instead of being applied to half-built tables and then again by a later page.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { PROJECTION_TABLES } from '../../domain/projection/rows.ts';
import { applyStoredFacts, redactErased, type TableAccess } from './apply-events.ts';
import type { StoredEvent } from './stored-event.ts';

export type RebuildProgress = { done: number; total: number };

export type RebuildOptions = {
  pageSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
};

const DEFAULT_PAGE = 2000;

async function rebuildWith(table: TableAccess, options: RebuildOptions): Promise<RebuildProgress> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE;
  const events = table('events') as Table<StoredEvent, string>;
  const names = new Set(PROJECTION_TABLES as readonly string[]);
  await Promise.all([...names].map((name) => table(name).clear()));
  const total = await events.count();
  let done = 0;
  let after = '';
  options.onProgress?.({ done, total });
  for (;;) {
    // Pages by event id: each fact once, whatever order it arrived in (the rules do not care).
    const rows = await events.where(':id').above(after).limit(pageSize).toArray();
    if (rows.length === 0) break;
    const page: BuurtpasEvent[] = rows.map((r) => r.event);
    const last = rows[rows.length - 1]!.eventId;
    // Facts of later pages are stored but not applied yet: a void here must not take them back.
    const erased = await applyStoredFacts(table, page, (id) => id <= last);
    await redactErased(table, [], erased);
    done += rows.length;
    after = last;
    options.onProgress?.({ done, total });
    if (rows.length < pageSize) break;
  }
  return { done, total };
}

/** A schema upgrade's step: runs inside Dexie's upgrade transaction. */
export async function rebuildInTransaction(tx: Transaction): Promise<void> {
  await rebuildWith((name) => tx.table(name), {});
}

/** Recomputes every derived table from the facts on this laptop. */
export async function rebuildProjections(
  db: Dexie,
  options: RebuildOptions = {},
): Promise<RebuildProgress> {
  return db.transaction('rw', db.tables, async () => {
    const tx = Dexie.currentTransaction!;
    return await rebuildWith((name) => tx.table(name), options);
  });
}
