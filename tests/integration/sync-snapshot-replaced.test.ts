/**
 * A new laptop loading its snapshot hears that the server replaced it (410) and then loses the
 * connection before the new manifest comes. It holds part of the old snapshot's rows and a desk
 * write of its own (so it is no longer an empty laptop), and the next
 * round must start on a new snapshot (rows emptied), never pull the whole history from 0 over
 * those rows (every count would be doubled). Real server on SQLite, real Dexie on fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { countWalkIn, recordPayment, registerClient } from '../../src/app/db/desk-actions.ts';
import { readSnapshotProgress, writeHistoryKeep } from '../../src/app/db/snapshot-load.ts';
import { readComparison, readLocalChecksum } from '../../src/app/db/sync-state.ts';
import { startTestServer } from '../../src/server/testing/start-test-server.ts';
import type { Transport } from '../../src/app/sync/sync-engine.ts';
import { makeSimClock, nodeFetch, type SimLaptop } from '../sim/sim-laptop.ts';
import { aNewcomer } from './support/newcomer.ts';
import { makeSimLaptops, readSnapshotTables } from './support/snapshot-laptops.ts';

const clock = makeSimClock('2026-11-27T09:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('a new laptop whose snapshot was replaced, then the manifest did not come', () => {
  it('starts on a new snapshot next round, never pulls from 0 over the rows it has', async () => {
    const server = await startTestServer({ nowMs: clock.now, snapshotOptions: { pageRows: 2 } });
    cleanups.push(() => server.close());
    const laptops = makeSimLaptops({
      clock,
      server: () => server,
      seedFrom: 81,
      pullLimit: 4,
    });
    cleanups.push(() => laptops.close());
    const a = await laptops.make('dreplay5');
    for (let i = 0; i < 4; i++) {
      const reg = await registerClient(
        a.db,
        a.writer,
        aNewcomer(`Lid ${i}`),
        `750000${i}`,
        clock.now(),
      );
      if (!reg.ok) throw new Error('register');
      await recordPayment(a.db, a.writer, reg.memberId, 250, clock.now());
      await recordPayment(a.db, a.writer, reg.memberId, 100, clock.now(), { year: 2025 });
    }
    expect((await a.sync()).kind).toBe('synced');
    clock.advance(86_400_000);

    // The last page answers 410 (the server replaced the snapshot), then the manifest is lost.
    let step: 'load' | 'replaced' | 'lost' = 'load';
    let walkIn: string | undefined;
    const holder: { laptop?: SimLaptop } = {};
    const replacing: Transport = async (url, init) => {
      const path = new URL(url).pathname;
      const desk = holder.laptop;
      const index = /\/api\/v1\/snapshot\/[^/]+\/(\d+)$/.exec(path)?.[1];
      if (desk && step === 'load' && index !== undefined) {
        const p = await readSnapshotProgress(desk.db);
        // The desk works meanwhile: the laptop now holds a fact of its own.
        if (p?.scanReady && !walkIn)
          walkIn = await countWalkIn(desk.db, desk.writer, 'cjm:kookclub', clock.now());
        if (p && Number(index) === p.pageCount - 1) {
          step = 'replaced';
          return { status: 410, text: async () => '{"error":"snapshot-gone"}' };
        }
      }
      if (step === 'replaced' && path === '/api/v1/snapshot') {
        step = 'lost';
        throw new Error('connection lost');
      }
      return nodeFetch(url, init);
    };
    const fresh = await laptops.make('dfresh05', { transport: replacing });
    holder.laptop = fresh;
    await writeHistoryKeep(fresh.db, 'all', clock.now());
    expect((await fresh.sync()).kind).toBe('failed');
    expect(step).toBe('lost');
    expect(walkIn).toBeDefined();
    for (const l of [fresh, a, fresh]) expect((await l.sync()).kind).toBe('synced');

    expect((await readSnapshotProgress(fresh.db))?.done).toBe(true);
    expect((await readComparison(fresh.db))?.kind).toBe('agrees');
    expect(await readSnapshotTables(fresh.db)).toEqual(await readSnapshotTables(a.db));
    expect(await readLocalChecksum(fresh.db)).toEqual(await readLocalChecksum(a.db));
  }, 60_000);
});
