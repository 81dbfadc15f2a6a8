/**
 * Live views of the sync state for the scheduler and the status UI. They are read again shortly
 * after any write to the outbox or meta tables, in this tab or another one, so the outbox count
 * shown in the top bar and the "a write happened" trigger come from the database itself.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import type { BuurtpasDb } from './database.ts';
import { isScanRunning, whenNoScanRuns } from './desk-scan-gate.ts';
import {
  readBootstrap,
  readComparison,
  readLastSyncAt,
  readSyncConnection,
  type BootstrapState,
  type SummaryComparison,
  type SyncConnection,
} from './sync-state.ts';

/** How long after a write the sync views read again (writes in between are read once). */
export const AFTER_WRITE_MS = 50;

/**
 * Calls `read` now and again after every write (in this tab or another) to one of `tables`, and
 * hands each result to `onValue`; returns an unsubscribe. Unlike a `liveQuery`, the re-read is not
 * started inside the write's commit but `AFTER_WRITE_MS` later: a scan's commit wakes only this
 * timer, so the desk's card is painted before the outbox is counted again; a timer that runs out
 * while a scan is handled waits for its end (desk-scan-gate.ts).
 */
export function watchAfterWrites<T>(
  db: BuurtpasDb,
  tables: readonly string[],
  read: () => Promise<T>,
  onValue: (value: T) => void,
): () => void {
  const prefixes = tables.map((t) => `idb://${db.name}/${t}/`);
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let reading = false;
  let readAgain = false;
  let cancelWait = () => {};
  const run = async () => {
    timer = null;
    if (isScanRunning()) {
      // A scan is being handled: read right after it, not in its way.
      cancelWait = whenNoScanRuns(schedule);
      return;
    }
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      const value = await read();
      if (!stopped) onValue(value);
    } catch {
      // A closed database (tab closing, laptop wiped): nothing to report.
    }
    reading = false;
    if (readAgain) {
      readAgain = false;
      schedule();
    }
  };
  const schedule = () => {
    if (timer === null && !stopped) timer = setTimeout(() => void run(), AFTER_WRITE_MS);
  };
  const onMutated = (parts: ObservabilitySet) => {
    if (Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)))) schedule();
  };
  Dexie.on('storagemutated', onMutated);
  void run();
  return () => {
    stopped = true;
    cancelWait();
    if (timer !== null) clearTimeout(timer);
    Dexie.on('storagemutated').unsubscribe(onMutated);
  };
}

/** Calls `onCount` with the outbox size now and after every change; returns an unsubscribe. */
export function watchPendingCount(db: BuurtpasDb, onCount: (count: number) => void): () => void {
  return watchAfterWrites(db, ['outbox'], () => db.outbox.count(), onCount);
}

/** Calls `onFacts` with the sync facts now and after every change; returns an unsubscribe. */
export function watchSyncFacts(db: BuurtpasDb, onFacts: (facts: SyncFacts) => void): () => void {
  return watchAfterWrites(db, ['outbox', 'meta'], () => readSyncFacts(db), onFacts);
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
