/**
 * The browser wiring of the scheduler and the short-lived sync state the UI shows (zustand:
 * phase, progress, online). What must survive a reload (outbox, last sync, comparison,
 * bootstrap, connection) stays in IndexedDB and is read live by `useSync`.
 *
 * One scheduler per page: `useSyncScheduler` starts it for the database the app opened and stops
 * it on unmount; the app calls it once a location is chosen (app/app.tsx).
 */
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { BuurtpasDb } from '../db/database.ts';
import { watchPendingCount, watchSyncFacts, type SyncFacts } from '../db/sync-watch.ts';
import { browserTransport } from './browser-transport.ts';
import type { SyncOutcome, SyncProgress, Transport } from './sync-engine.ts';
import {
  createSyncScheduler,
  type LockRequester,
  type SchedulerState,
  type SyncScheduler,
} from './sync-scheduler.ts';

export type SyncStoreState = SchedulerState & {
  progress: SyncProgress | null;
  online: boolean;
  syncNow: () => Promise<SyncOutcome | null>;
  nudge: () => void;
};

const idle: SchedulerState = { phase: 'idle', last: null, retryAt: null, attempt: 0 };
const noScheduler = async () => null;

export const useSyncStore = create<SyncStoreState>(() => ({
  ...idle,
  progress: null,
  online: typeof navigator === 'undefined' ? true : navigator.onLine !== false,
  syncNow: noScheduler,
  nudge: () => undefined,
}));

function browserLocks(): LockRequester | undefined {
  const locks =
    typeof navigator !== 'undefined'
      ? (navigator as Navigator & { locks?: LockManager }).locks
      : undefined;
  if (!locks?.request) return undefined;
  return (name, options, run) => locks.request(name, options, run) as Promise<SyncOutcome | null>;
}

export type StartSyncOptions = {
  db: BuurtpasDb;
  now: () => number;
  transport?: Transport;
  random?: () => number;
  debounceMs?: number;
  intervalMs?: number;
};

/** Starts automatic sync for this page; returns the stop function. */
export function startSync(options: StartSyncOptions): () => void {
  const set = useSyncStore.setState;
  const onOnline = () => set({ online: true });
  const onOffline = () => set({ online: false });
  const scheduler: SyncScheduler = createSyncScheduler({
    // The engine (with the wire schemas) loads on the first round, not with the desk.
    runRound: async () => {
      const { syncOnce } = await import('./sync-engine.ts');
      return syncOnce({
        db: options.db,
        transport: options.transport ?? browserTransport,
        now: options.now,
        pullLimit: 1000,
        onProgress: (progress) => set({ progress }),
      });
    },
    watchPending: (onCount) => watchPendingCount(options.db, onCount),
    watchOnline: (handler) => {
      window.addEventListener('online', handler);
      return () => window.removeEventListener('online', handler);
    },
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: options.now,
    // Jitter only spreads retries of several laptops apart; it needs no secure randomness.
    random: options.random ?? Math.random,
    requestLock: browserLocks(),
    onState: (state) =>
      set(state.phase === 'syncing' ? { ...state } : { ...state, progress: null }),
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
  });
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  set({
    ...idle,
    progress: null,
    online: navigator.onLine !== false,
    syncNow: () => scheduler.syncNow(),
    nudge: () => scheduler.nudge(),
  });
  scheduler.start();
  return () => {
    scheduler.stop();
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    set({ syncNow: noScheduler, nudge: () => undefined });
  };
}

/** Runs automatic sync while the calling component is mounted. */
export function useSyncScheduler(db: BuurtpasDb, now: () => number): void {
  useEffect(() => startSync({ db, now }), [db, now]);
}

export type SyncView = SyncStoreState & { facts: SyncFacts | undefined };

/** The sync state for the UI: the scheduler's phase plus what the database says. */
export function useSync(db: BuurtpasDb): SyncView {
  const store = useSyncStore();
  // Not a live query: a scan's commit must not start this read before the desk's card is drawn.
  const [facts, setFacts] = useState<SyncFacts | undefined>(undefined);
  useEffect(() => watchSyncFacts(db, setFacts), [db]);
  return { ...store, facts };
}
