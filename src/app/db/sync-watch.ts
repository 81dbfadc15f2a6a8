/**
 * Live views of the sync state for the scheduler and the status UI. Dexie's `liveQuery` is
 * re-run whenever a write touches what it read, in this tab or another one, so the outbox
 * count shown in the top bar and the "a write happened" trigger come from the database itself.
 */
import { liveQuery } from 'dexie';
import type { BuurtpasDb } from './database.ts';
import {
  readBootstrap,
  readComparison,
  readLastSyncAt,
  readSyncConnection,
  type BootstrapState,
  type SummaryComparison,
  type SyncConnection,
} from './sync-state.ts';

/** Calls `onCount` with the outbox size now and after every change; returns an unsubscribe. */
export function watchPendingCount(db: BuurtpasDb, onCount: (count: number) => void): () => void {
  const subscription = liveQuery(() => db.outbox.count()).subscribe({
    next: onCount,
    // A closed database (tab closing, laptop wiped) ends the watch; nothing to report.
    error: () => undefined,
  });
  return () => subscription.unsubscribe();
}

export type SyncFacts = {
  pending: number;
  lastSyncAt: string | null;
  comparison: SummaryComparison | null;
  bootstrap: BootstrapState | null;
  connection: SyncConnection | null;
};

/** Everything about sync the screens show that lives in the database (survives a reload). */
export async function readSyncFacts(db: BuurtpasDb): Promise<SyncFacts> {
  return db.transaction('r', db.outbox, db.meta, async () => {
    const [pending, lastSyncAt, comparison, bootstrap, connection] = await Promise.all([
      db.outbox.count(),
      readLastSyncAt(db),
      readComparison(db),
      readBootstrap(db),
      readSyncConnection(db),
    ]);
    return {
      pending,
      lastSyncAt: lastSyncAt ?? null,
      comparison: comparison ?? null,
      bootstrap: bootstrap ?? null,
      connection: connection ?? null,
    };
  });
}
