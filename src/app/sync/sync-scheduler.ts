/**
 * Decides when the sync engine runs; the engine (`sync-engine.ts`) decides nothing about time.
 *
 * - shortly after a write: the outbox grew, wait `debounceMs` for the rest of the burst;
 * - when the network comes back (`online`);
 * - on a timer (`intervalMs`), so a laptop that only reads still receives others' work;
 * - after a failure that may pass by itself (offline, 5xx, 429, garbled answer): back-off with
 *   jitter (`retryDelayMs`), the timer and write triggers do not hammer a sick server meanwhile;
 * - after a failure that needs a person (revoked, token invalid, update required, refused): no
 *   automatic runs until someone presses "Nu synchroniseren" or enrolls again.
 *
 * One tab at a time: with Web Locks the round runs under `buurtpas-sync` (`ifAvailable`: a tab
 * that finds the lock taken skips, the other tab is already syncing the same database). A run
 * never overlaps itself; a trigger during a run asks for one more run after it.
 *
 * Everything with an effect is injected, so the scheduler is tested with fake timers and a fake
 * round, and the browser wiring lives in `sync-store.ts`.
 */
import { retryDelayMs, TRANSIENT_FAILURES } from './sync-retry.ts';
import type { SyncOutcome } from './sync-engine.ts';

export type SchedulerPhase = 'idle' | 'syncing' | 'retry-wait' | 'needs-person' | 'not-connected';

export type SchedulerState = {
  phase: SchedulerPhase;
  /** The last round's outcome (null before the first). */
  last: SyncOutcome | null;
  /** When the next automatic retry is due (epoch ms), during `retry-wait`. */
  retryAt: number | null;
  /** Failed rounds in a row. */
  attempt: number;
};

/** The subset of `navigator.locks` the scheduler needs. */
export type LockRequester = (
  name: string,
  options: { ifAvailable: true },
  run: (lock: unknown) => Promise<SyncOutcome | null>,
) => Promise<SyncOutcome | null>;

export type SchedulerDeps = {
  runRound: () => Promise<SyncOutcome>;
  /** Subscribes to the number of events waiting in the outbox; returns an unsubscribe. */
  watchPending: (onCount: (count: number) => void) => () => void;
  /** Subscribes to "the network came back"; returns an unsubscribe. */
  watchOnline: (onOnline: () => void) => () => void;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** Wall clock for `retryAt` only (shown as "next attempt at 10:45"). */
  now: () => number;
  random: () => number;
  requestLock?: LockRequester;
  onState: (state: SchedulerState) => void;
  debounceMs?: number;
  intervalMs?: number;
};

export type SyncScheduler = {
  start: () => void;
  stop: () => void;
  /** "Nu synchroniseren": runs now, also after a failure that needed a person. */
  syncNow: () => Promise<SyncOutcome | null>;
  /** Something changed that makes a round worth it soon (e.g. just enrolled). */
  nudge: () => void;
  state: () => SchedulerState;
};

export function createSyncScheduler(deps: SchedulerDeps): SyncScheduler {
  const debounceMs = deps.debounceMs ?? 2_000;
  const intervalMs = deps.intervalMs ?? 60_000;
  let state: SchedulerState = { phase: 'idle', last: null, retryAt: null, attempt: 0 };
  let running: Promise<SyncOutcome | null> | null = null;
  let again = false;
  let started = false;
  let lastPending = 0;
  let debounceTimer: unknown = null;
  let retryTimer: unknown = null;
  let intervalTimer: unknown = null;
  const unsubscribe: (() => void)[] = [];

  const publish = (change: Partial<SchedulerState>) => {
    state = { ...state, ...change };
    deps.onState(state);
  };

  const clear = (handle: unknown) => {
    if (handle !== null) deps.clearTimer(handle);
    return null;
  };

  /** Automatic runs wait while a back-off is pending or a person must act first. */
  const isHeld = () => state.phase === 'retry-wait' || state.phase === 'needs-person';

  const settle = (outcome: SyncOutcome | null) => {
    if (!started) {
      // Stopped while the round ran (screen closed, test ended): report, schedule nothing.
      if (outcome)
        publish({ phase: state.phase === 'syncing' ? 'idle' : state.phase, last: outcome });
      return;
    }
    if (outcome === null) {
      // Another tab holds the lock and is syncing this very database.
      publish({ phase: 'idle' });
      return;
    }
    if (outcome.kind === 'not-connected') {
      publish({ phase: 'not-connected', last: outcome, retryAt: null, attempt: 0 });
      return;
    }
    if (outcome.kind === 'synced') {
      publish({ phase: 'idle', last: outcome, retryAt: null, attempt: 0 });
      return;
    }
    if (TRANSIENT_FAILURES.has(outcome.failure)) {
      const delay = retryDelayMs(state.attempt, deps.random);
      retryTimer = clear(retryTimer);
      retryTimer = deps.setTimer(() => {
        retryTimer = null;
        if (state.phase === 'retry-wait') publish({ phase: 'idle' });
        void run();
      }, delay);
      publish({
        phase: 'retry-wait',
        last: outcome,
        retryAt: deps.now() + delay,
        attempt: state.attempt + 1,
      });
      return;
    }
    publish({ phase: 'needs-person', last: outcome, retryAt: null, attempt: state.attempt + 1 });
  };

  const round = async (): Promise<SyncOutcome | null> => {
    publish({ phase: 'syncing', retryAt: null });
    let outcome: SyncOutcome | null;
    try {
      outcome = deps.requestLock
        ? await deps.requestLock('buurtpas-sync', { ifAvailable: true }, async (lock) =>
            lock ? deps.runRound() : null,
          )
        : await deps.runRound();
    } catch (error) {
      // A bug or a storage failure, not the network: show it, retry later like a transient one.
      outcome = {
        kind: 'failed',
        failure: 'server-error',
        detail: error instanceof Error ? error.message : String(error),
        pushed: 0,
        pulled: 0,
      };
    }
    settle(outcome);
    return outcome;
  };

  const run = (): Promise<SyncOutcome | null> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let outcome = await round();
      // Writes or triggers that came in during the round: one more, unless it just failed.
      while (again && started && (outcome?.kind === 'synced' || outcome === null)) {
        again = false;
        outcome = await round();
      }
      again = false;
      return outcome;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const trigger = () => {
    if (!started || isHeld()) return;
    void run();
  };

  return {
    start() {
      if (started) return;
      started = true;
      unsubscribe.push(
        deps.watchPending((count) => {
          const grew = count > lastPending;
          lastPending = count;
          if (!grew || count === 0) return;
          debounceTimer = clear(debounceTimer);
          debounceTimer = deps.setTimer(() => {
            debounceTimer = null;
            trigger();
          }, debounceMs);
        }),
      );
      unsubscribe.push(
        deps.watchOnline(() => {
          // The network is back: whatever back-off was running is about the old network.
          if (state.phase === 'retry-wait') {
            retryTimer = clear(retryTimer);
            publish({ phase: 'idle', retryAt: null, attempt: 0 });
          }
          trigger();
        }),
      );
      const tick = () => {
        intervalTimer = deps.setTimer(tick, intervalMs);
        trigger();
      };
      intervalTimer = deps.setTimer(tick, intervalMs);
      void run();
    },
    stop() {
      started = false;
      debounceTimer = clear(debounceTimer);
      retryTimer = clear(retryTimer);
      intervalTimer = clear(intervalTimer);
      for (const u of unsubscribe.splice(0)) u();
    },
    syncNow() {
      retryTimer = clear(retryTimer);
      if (isHeld()) publish({ phase: 'idle', retryAt: null, attempt: 0 });
      return run();
    },
    nudge() {
      if (state.phase === 'needs-person' || state.phase === 'not-connected')
        publish({ phase: 'idle', attempt: 0 });
      trigger();
    },
    state: () => state,
  };
}
