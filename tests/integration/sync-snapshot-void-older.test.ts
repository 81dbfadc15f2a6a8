/**
 * A new laptop voids, while its snapshot still loads, facts older than its snapshot: a payment of
 * last year whose row came in an earlier page (its contribution and day counter come later), a
 * payment the server had voided already (its void comes in a later page), and through the data
 * layer a visit it holds no fact of. It also takes back a payment it just took itself, and once
 * the counts are in (the visit history still loading) a payment of last year, which counts at once. Each void
 * must take back on this laptop exactly what it takes back on a laptop that replayed every fact:
 * tables, summary, year report and checksum end equal. Real server on SQLite, real Dexie on
 * fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkInByPass,
  recordPayment,
  registerClient,
  voidEvent,
} from '../../src/app/db/desk-actions.ts';
import { writeEvents } from '../../src/app/db/record-events.ts';
import { readSnapshotProgress, writeHistoryKeep } from '../../src/app/db/snapshot-load.ts';
import { readComparison } from '../../src/app/db/sync-state.ts';
import { startTestServer } from '../../src/server/testing/start-test-server.ts';
import type { Transport } from '../../src/app/sync/sync-engine.ts';
import { makeSimClock, nodeFetch, type SimLaptop } from '../sim/sim-laptop.ts';
import { aNewcomer } from './support/newcomer.ts';
import { expectStateOf, makeSimLaptops } from './support/snapshot-laptops.ts';

const clock = makeSimClock('2026-11-27T09:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('a new laptop that voids older facts while its snapshot loads', () => {
  it('takes back what a laptop with every fact takes back', async () => {
    const server = await startTestServer({ nowMs: clock.now, snapshotOptions: { pageRows: 2 } });
    cleanups.push(() => server.close());
    const laptops = makeSimLaptops({
      clock,
      server: () => server,
      seedFrom: 71,
      pullLimit: 4,
      role: 'desk',
    });
    cleanups.push(() => laptops.close());

    // A replays every fact: members who paid this year and last, visits, one payment voided.
    const a = await laptops.make('dreplay4');
    const ids: string[] = [];
    const lastYear: string[] = [];
    const thisYear: string[] = [];
    for (let i = 0; i < 5; i++) {
      const reg = await registerClient(
        a.db,
        a.writer,
        aNewcomer(`Lid ${i}`),
        `740000${i}`,
        clock.now(),
      );
      if (!reg.ok) throw new Error('register');
      ids.push(reg.memberId);
      thisYear.push(await recordPayment(a.db, a.writer, reg.memberId, 250, clock.now()));
      lastYear.push(
        await recordPayment(a.db, a.writer, reg.memberId, 100, clock.now(), { year: 2025 }),
      );
    }
    // The next day: the visits (registering recorded one that day).
    clock.advance(86_400_000);
    const visits: string[] = [];
    for (const code of ['7400001', '7400002']) {
      const scan = await checkInByPass(a.db, a.writer, code, clock.now());
      if (scan.kind !== 'checked-in') throw new Error(scan.kind);
      visits.push(scan.visitEventId);
    }
    expect(await voidEvent(a.db, a.writer, thisYear[4]!, 'dubbel', clock.now())).toEqual({
      ok: true,
    });
    expect((await a.sync()).kind).toBe('synced');
    clock.advance(86_400_000);

    // The new laptop: once the payments' pages are in and before the voids', the earlier
    // years' contributions and the day counters, the desk takes these back.
    let written = false;
    let afterCounts = false;
    const holder: { laptop?: SimLaptop } = {};
    const pausing: Transport = async (url, init) => {
      const desk = holder.laptop;
      const index = /\/api\/v1\/snapshot\/[^/]+\/(\d+)$/.exec(new URL(url).pathname)?.[1];
      if (desk && !(written && afterCounts) && index !== undefined) {
        // The page before this one is stored first (the client asks for the next page while it
        // stores one), so this page's rows are not in yet.
        let p = await readSnapshotProgress(desk.db);
        while (p && p.nextPage < Number(index)) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          p = await readSnapshotProgress(desk.db);
        }
        if (p?.countsReady && !afterCounts) {
          // The treasurer's figures are in, the visit history not yet: a payment's void counts
          // at once (every row it takes back from is here).
          afterCounts = true;
          const key = `${ids[3]!}|bv-cjm|2025`;
          expect((await desk.db.contributions.get(key))?.paidCents).toBe(100);
          expect(await voidEvent(desk.db, desk.writer, lastYear[3]!, 'fout', clock.now())).toEqual({
            ok: true,
          });
          expect((await desk.db.contributions.get(key))?.paidCents).toBe(0);
        }
        const before = p && p.loaded.payments === p.totals.payments && !p.loaded.voids;
        if (before && !written) {
          written = true;
          const w = desk.writer;
          const now = clock.now();
          expect(await voidEvent(desk.db, w, lastYear[1]!, 'fout', now)).toEqual({ ok: true });
          // Voided on the server already: this second void takes nothing back anywhere.
          expect(await voidEvent(desk.db, w, thisYear[4]!, 'fout', now)).toEqual({ ok: true });
          await writeEvents(
            desk.db,
            w,
            [{ type: 'event-voided', data: { targetEventId: visits[0]!, reason: 'fout' } }],
            now,
          );
          const own = await recordPayment(desk.db, w, ids[2]!, 100, now, { year: 2025 });
          expect(await voidEvent(desk.db, w, own, 'per ongeluk', now)).toEqual({ ok: true });
        }
      }
      return nodeFetch(url, init);
    };
    // The coordinator's laptop: the server takes its voids of other devices' facts.
    const fresh = await laptops.make('dfresh04', { transport: pausing, role: 'coordinator' });
    holder.laptop = fresh;
    await writeHistoryKeep(fresh.db, 'all', clock.now());
    const first = await fresh.sync();
    expect(first, JSON.stringify(first)).toMatchObject({ kind: 'synced' });
    expect(written).toBe(true);
    expect(afterCounts).toBe(true);
    for (const l of [fresh, a, fresh]) expect((await l.sync()).kind).toBe('synced');

    expect((await readSnapshotProgress(fresh.db))?.done).toBe(true);
    expect(await fresh.db.outbox.count()).toBe(0);
    for (const l of [fresh, a]) expect((await readComparison(l.db))?.kind).toBe('agrees');
    await expectStateOf(fresh, a, [2025, 2026], clock.now());
  }, 60_000);
});
