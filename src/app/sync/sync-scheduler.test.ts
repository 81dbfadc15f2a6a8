import { describe, expect, it } from 'vitest';
import type { SyncFailure, SyncOutcome } from './sync-engine.ts';
import { createSyncScheduler, type SchedulerDeps, type SchedulerState } from './sync-scheduler.ts';

const synced: SyncOutcome = {
  kind: 'synced',
  pushed: 0,
  pulled: 0,
  quarantined: 0,
  comparison: null,
  at: '2026-11-27T09:42:00.000Z',
};
const failed = (failure: SyncFailure): SyncOutcome => ({
  kind: 'failed',
  failure,
  detail: '',
  pushed: 0,
  pulled: 0,
});

/** Hand-driven timers and triggers: nothing runs unless the test says time passed. */
function harness(outcomes: SyncOutcome[] = [], extra: Partial<SchedulerDeps> = {}) {
  let clock = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let nextId = 1;
  let pendingListener: (n: number) => void = () => undefined;
  let onlineListener: () => void = () => undefined;
  const states: SchedulerState[] = [];
  let rounds = 0;
  let release: (() => void) | null = null;
  let blockNext = false;
  const deps: SchedulerDeps = {
    runRound: async () => {
      rounds++;
      if (blockNext) {
        blockNext = false;
        await new Promise<void>((r) => (release = r));
      }
      return outcomes.shift() ?? synced;
    },
    watchPending: (cb) => {
      pendingListener = cb;
      return () => (pendingListener = () => undefined);
    },
    watchOnline: (cb) => {
      onlineListener = cb;
      return () => (onlineListener = () => undefined);
    },
    setTimer: (run, ms) => {
      const id = nextId++;
      timers.set(id, { at: clock + ms, run });
      return id;
    },
    clearTimer: (id) => timers.delete(id as number),
    now: () => clock,
    random: () => 0.5,
    onState: (s) => states.push(s),
    debounceMs: 2000,
    intervalMs: 60_000,
    ...extra,
  };
  const scheduler = createSyncScheduler(deps);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    scheduler,
    states,
    rounds: () => rounds,
    pending: (n: number) => pendingListener(n),
    online: () => onlineListener(),
    block: () => (blockNext = true),
    release: () => release?.(),
    /** Moves the clock, firing due timers in order. */
    async advance(ms: number) {
      const end = clock + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= end)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        clock = due[1].at;
        due[1].run();
        await settle();
      }
      clock = end;
      await settle();
    },
    settle,
  };
}

describe('sync scheduler', () => {
  it('runs once at start, then after a burst of writes only once the burst is over (debounced)', async () => {
    const h = harness();
    h.scheduler.start();
    await h.settle();
    expect(h.rounds()).toBe(1);
    h.pending(1);
    await h.advance(1000);
    h.pending(2);
    await h.advance(1000);
    h.pending(3);
    await h.advance(1999);
    expect(h.rounds()).toBe(1);
    await h.advance(1);
    expect(h.rounds()).toBe(2);
    // The outbox shrinking (the round drained it) is not a reason to sync again.
    h.pending(0);
    await h.advance(5000);
    expect(h.rounds()).toBe(2);
    h.scheduler.stop();
  });

  it('syncs on the timer and when the network comes back', async () => {
    const h = harness();
    h.scheduler.start();
    await h.settle();
    await h.advance(60_000);
    expect(h.rounds()).toBe(2);
    h.online();
    await h.settle();
    expect(h.rounds()).toBe(3);
    h.scheduler.stop();
    await h.advance(120_000);
    expect(h.rounds()).toBe(3);
  });

  it('backs off with growing, jittered delays on failures that pass by themselves, and resets after success', async () => {
    const h = harness([failed('offline'), failed('server-error'), failed('rate-limited'), synced]);
    h.scheduler.start();
    await h.settle();
    expect(h.scheduler.state()).toMatchObject({ phase: 'retry-wait', attempt: 1, retryAt: 1500 });
    // Writes and the timer do not hammer a sick server during the back-off.
    h.pending(4);
    await h.advance(1499);
    expect(h.rounds()).toBe(1);
    await h.advance(1);
    expect(h.rounds()).toBe(2);
    expect(h.scheduler.state()).toMatchObject({ phase: 'retry-wait', attempt: 2 });
    await h.advance(3000);
    expect(h.rounds()).toBe(3);
    expect(h.scheduler.state()).toMatchObject({ phase: 'retry-wait', attempt: 3 });
    await h.advance(6000);
    expect(h.rounds()).toBe(4);
    expect(h.scheduler.state()).toMatchObject({ phase: 'idle', attempt: 0, retryAt: null });
    h.scheduler.stop();
  });

  it('stops automatic runs when a person must act, until "Nu synchroniseren"', async () => {
    const h = harness([failed('device-revoked'), synced]);
    h.scheduler.start();
    await h.settle();
    expect(h.scheduler.state().phase).toBe('needs-person');
    h.pending(1);
    h.online();
    await h.advance(10 * 60_000);
    expect(h.rounds()).toBe(1);
    await h.scheduler.syncNow();
    expect(h.rounds()).toBe(2);
    expect(h.scheduler.state().phase).toBe('idle');
    h.scheduler.stop();
  });

  it('never overlaps rounds: a trigger during a round asks for one more run after it', async () => {
    const h = harness();
    h.block();
    h.scheduler.start();
    await h.settle();
    expect(h.scheduler.state().phase).toBe('syncing');
    const a = h.scheduler.syncNow();
    const b = h.scheduler.syncNow();
    await h.settle();
    expect(h.rounds()).toBe(1);
    h.release();
    await Promise.all([a, b]);
    expect(h.rounds()).toBe(2);
    h.scheduler.stop();
  });

  it('runs under the Web Lock and skips when another tab holds it', async () => {
    const asked: string[] = [];
    let held = true;
    const h = harness([], {
      requestLock: async (name, options, run) => {
        asked.push(`${name}:${String(options.ifAvailable)}`);
        return run(held ? null : { name });
      },
    });
    h.scheduler.start();
    await h.settle();
    expect(asked).toEqual(['buurtpas-sync:true']);
    expect(h.rounds()).toBe(0);
    expect(h.scheduler.state().phase).toBe('idle');
    held = false;
    await h.scheduler.syncNow();
    expect(h.rounds()).toBe(1);
    h.scheduler.stop();
  });
});
