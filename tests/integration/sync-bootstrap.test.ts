/**
 * A new laptop's bootstrap: the server's `types=` pull, and the engine pulling the ledger types
 * first (ready to scan), then the full history with already-held events skipped.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkInByPass, recordPayment, registerClient } from '../../src/app/db/desk-actions.ts';
import { readBootstrap, readCursor, readLocalLedger } from '../../src/app/db/sync-state.ts';
import type { Transport } from '../../src/app/sync/sync-engine.ts';
import { summarize } from '../../src/domain/summary.ts';
import { startTestServer, type TestServer } from '../../src/server/testing/start-test-server.ts';
import { createSimLaptop, makeSimClock, nodeFetch, type SimLaptop } from '../sim/sim-laptop.ts';
import { aNewcomer } from './support/newcomer.ts';

let server: TestServer | undefined;
const laptops: SimLaptop[] = [];
const clock = makeSimClock('2026-11-27T09:00:00.000Z');

afterEach(async () => {
  for (const l of laptops.splice(0)) await l.close();
  await server?.close();
});

async function laptop(
  deviceId: string,
  locationId: string,
  transport: Transport = nodeFetch,
): Promise<SimLaptop> {
  const l = await createSimLaptop({
    name: deviceId,
    deviceId,
    locationId,
    clock,
    seed: laptops.length + 1,
    transport,
    pullLimit: 4,
  });
  await l.connect(server!.baseUrl, await server!.enroll(deviceId, { locationId }));
  laptops.push(l);
  return l;
}

describe('bootstrap of a new laptop', () => {
  it('GET /pull?types= returns only those types in seq order, pages by seq, and refuses unknown types', async () => {
    server = await startTestServer({ nowMs: clock.now });
    const a = await laptop('dboot001', 'cjm');
    for (let i = 0; i < 3; i++) {
      const reg = await registerClient(
        a.db,
        a.writer,
        aNewcomer(`Lid ${i}`),
        `10000${i}`,
        clock.now(),
      );
      if (reg.ok) await recordPayment(a.db, a.writer, reg.memberId, 250, clock.now());
    }
    await a.sync();
    const token = await server.enroll('dreader1');
    const get = (q: string) =>
      fetch(`${server!.baseUrl}/api/v1/pull?${q}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const all = (await (await get('after=0&limit=1000')).json()) as {
      events: { seq: number; event: { type: string } }[];
    };
    const res = await get('after=0&limit=2&types=payment-recorded,pass-issued');
    expect(res.status).toBe(200);
    const page = (await res.json()) as {
      events: { seq: number; event: { type: string } }[];
      next: number;
      hasMore: boolean;
    };
    const wanted = all.events.filter(
      (e) => e.event.type === 'payment-recorded' || e.event.type === 'pass-issued',
    );
    expect(wanted.length).toBe(6);
    expect(page.events.map((e) => e.seq)).toEqual(wanted.slice(0, 2).map((e) => e.seq));
    expect(page).toMatchObject({ next: wanted[1]!.seq, hasMore: true });
    const bad = await get('after=0&types=payment-recorded,teleport');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'query-invalid' });
  });

  it('pulls the ledger types first, is ready to scan, then completes the history and agrees with the server', async () => {
    // The history pull of a server that offers no snapshot (the snapshot: sync-snapshot.test.ts).
    server = await startTestServer({ nowMs: clock.now, snapshotSource: false });
    const a = await laptop('dboot002', 'cjm');
    let memberId = '';
    for (let i = 0; i < 4; i++) {
      const reg = await registerClient(
        a.db,
        a.writer,
        aNewcomer(`Lid ${i}`),
        `20000${i}`,
        clock.now(),
      );
      if (!reg.ok) throw new Error('registration');
      memberId = reg.memberId;
      await recordPayment(a.db, a.writer, reg.memberId, 250, clock.now());
      clock.advance(24 * 3600_000);
      await checkInByPass(a.db, a.writer, `20000${i}`, clock.now());
    }
    expect(await a.sync()).toMatchObject({ kind: 'synced' });

    const urls: string[] = [];
    const phases: string[] = [];
    const seen: { laptop?: SimLaptop } = {};
    const recording: Transport = async (url, init) => {
      urls.push(url);
      if (seen.laptop && url.includes('/pull'))
        phases.push((await readBootstrap(seen.laptop.db))?.phase ?? 'none');
      return nodeFetch(url, init);
    };
    const b = await laptop('dboot003', 'multibron', recording);
    seen.laptop = b;
    const outcome = await b.sync();
    expect(outcome).toMatchObject({ kind: 'synced', comparison: { kind: 'agrees' } });
    const pulls = urls.filter((u) => u.includes('/api/v1/pull'));
    const firstFull = pulls.findIndex((u) => !u.includes('types='));
    // Every priority page comes before the first full page, and there were some of each.
    expect(firstFull).toBeGreaterThan(0);
    expect(pulls.slice(firstFull).every((u) => !u.includes('types='))).toBe(true);
    expect(phases.slice(0, firstFull).every((p) => p === 'priority')).toBe(true);
    expect(phases.slice(firstFull).every((p) => p === 'history')).toBe(true);
    expect((await readBootstrap(b.db))?.phase).toBe('done');
    expect(await readCursor(b.db)).toBe((await server.storage.readEventsAfter(0, 1000)).length);
    expect(summarize(await readLocalLedger(b.db), 2026)).toEqual(
      summarize(await readLocalLedger(a.db), 2026),
    );
    expect(await b.db.events.count()).toBe(await a.db.events.count());
    expect((await b.db.members.get(memberId))?.name).toBe('Lid 3');
    expect(await b.db.visitDays.count()).toBe(await a.db.visitDays.count());
    // A second round is an ordinary pull: no bootstrap again.
    urls.length = 0;
    await b.sync();
    expect(urls.filter((u) => u.includes('types=')).length).toBe(0);
  });
});
