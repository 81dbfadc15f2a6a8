/**
 * The app's sync engine against the real server (Fastify over SQLite, real HTTP), each laptop a
 * real Dexie database on fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInByPass, recordPayment, registerClient } from '../../src/app/db/desk-actions.ts';
import { writeEvents } from '../../src/app/db/record-events.ts';
import { readComparison, readCursor, readRefusedFacts } from '../../src/app/db/sync-state.ts';
import { startTestServer, type TestServer } from '../../src/server/testing/start-test-server.ts';
import { createSimLaptop, makeSimClock, nodeFetch, type SimLaptop } from '../sim/sim-laptop.ts';
import type { Transport } from '../../src/app/sync/sync-engine.ts';
import { aNewcomer as person } from './support/newcomer.ts';

let server: TestServer;
let laptops: SimLaptop[] = [];
const clock = makeSimClock('2026-11-27T09:00:00.000Z');

beforeEach(async () => {
  // Pull mechanics: a server without a snapshot, so new laptops pull (sync-snapshot.test.ts has it).
  server = await startTestServer({ nowMs: clock.now, snapshotSource: false });
});

afterEach(async () => {
  for (const l of laptops) await l.close();
  laptops = [];
  await server.close();
});

async function laptop(
  deviceId: string,
  locationId: string,
  transport: Transport = nodeFetch,
  role: 'desk' | 'coordinator' = 'desk',
): Promise<SimLaptop> {
  const l = await createSimLaptop({
    name: deviceId,
    deviceId,
    locationId,
    clock,
    seed: laptops.length + 1,
    transport,
    pullLimit: 7,
  });
  await l.connect(server.baseUrl, await server.enroll(deviceId, { locationId, role }));
  laptops.push(l);
  return l;
}

async function serverEventIds(): Promise<string[]> {
  const rows = await server.storage.readEventsAfter(0, 100_000);
  return rows.map((r) => (JSON.parse(r.json) as { eventId: string }).eventId);
}

describe('sync engine against the real server', () => {
  it('moves facts from one laptop to another, drains the outbox and agrees with /summary', async () => {
    const a = await laptop('dcjm0001', 'cjm');
    const b = await laptop('dmb00001', 'multibron');
    const reg = await registerClient(a.db, a.writer, person('Ama Boateng'), '123456', clock.now());
    expect(reg.ok).toBe(true);
    const memberId = reg.ok ? reg.memberId : '';
    await recordPayment(a.db, a.writer, memberId, 250, clock.now());
    const first = await a.sync();
    expect(first).toMatchObject({ kind: 'synced', pushed: 6 });
    expect(await a.db.outbox.count()).toBe(0);

    const second = await b.sync();
    expect(second.kind).toBe('synced');
    expect((await b.db.members.get(memberId))?.name).toBe('Ama Boateng');
    // The pass works at the other location at once: the member is known there.
    const scan = await checkInByPass(b.db, b.writer, '123456', clock.now());
    expect(scan.kind).toBe('checked-in');
    await b.sync();
    await a.sync();
    for (const l of [a, b]) {
      const comparison = await readComparison(l.db);
      expect(comparison?.kind).toBe('agrees');
      expect(await readCursor(l.db)).toBe((await serverEventIds()).length);
    }
    const ids = await serverEventIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(7);
  });

  it('keeps the outbox when the answer is lost after the commit, and stores nothing twice on retry', async () => {
    let dropAnswers = true;
    const lossy: Transport = async (url, init) => {
      const res = await fetch(url, init);
      if (dropAnswers && url.includes('/push')) throw new TypeError('connection reset');
      return res;
    };
    const a = await laptop('dcjm0002', 'cjm', lossy);
    await registerClient(a.db, a.writer, person('Kofi Mensah'), null, clock.now());
    const failed = await a.sync();
    expect(failed).toMatchObject({ kind: 'failed', failure: 'offline' });
    expect(await a.db.outbox.count()).toBe(4);
    expect((await serverEventIds()).length).toBe(4);
    dropAnswers = false;
    const ok = await a.sync();
    expect(ok).toMatchObject({ kind: 'synced', pushed: 4 });
    expect(await a.db.outbox.count()).toBe(0);
    expect((await serverEventIds()).length).toBe(4);
    expect((await readComparison(a.db))?.kind).toBe('agrees');
  });

  it('purges an erased member on the other laptop at its next pull', async () => {
    // Erasure is coordinator work: laptop a is the coordinator's (its token is the proof).
    const a = await laptop('dcjm0003', 'cjm', nodeFetch, 'coordinator');
    const b = await laptop('dcjm0004', 'cjm');
    const reg = await registerClient(
      a.db,
      a.writer,
      person('Zzyzxina Oduya'),
      '998877',
      clock.now(),
    );
    const memberId = reg.ok ? reg.memberId : '';
    await a.sync();
    await b.sync();
    expect((await b.db.members.get(memberId))?.name).toBe('Zzyzxina Oduya');
    await writeEvents(a.db, a.writer, [{ type: 'member-erased', data: { memberId } }], clock.now());
    await a.sync();
    await b.sync();
    const member = await b.db.members.get(memberId);
    expect(member?.erased).toBe(true);
    expect(JSON.stringify(await b.db.members.toArray())).not.toContain('Zzyzxina');
    expect(JSON.stringify(await b.db.events.toArray())).not.toContain('Zzyzxina');
    expect((await readComparison(b.db))?.kind).toBe('agrees');
  });

  it('keeps a fact the server refuses on the laptop, shows it and goes on syncing', async () => {
    const a = await laptop('dcjm0006', 'cjm');
    const reg = await registerClient(a.db, a.writer, person('Kofi Asante'), '445566', clock.now());
    const memberId = reg.ok ? reg.memberId : '';
    // A desk writing coordinator work without the coordinator's proof.
    const [erased] = await writeEvents(
      a.db,
      a.writer,
      [{ type: 'member-erased', data: { memberId } }],
      clock.now(),
    );
    expect(await a.sync()).toMatchObject({ kind: 'synced', quarantined: 1 });
    expect(await a.db.outbox.count()).toBe(0);
    expect(await a.db.events.get(erased!.eventId)).toBeDefined();
    expect(await serverEventIds()).not.toContain(erased!.eventId);
    expect(await readRefusedFacts(a.db)).toMatchObject([
      {
        eventId: erased!.eventId,
        status: 'refused',
        reason: 'role-proof-required',
        type: 'member-erased',
      },
    ]);
    const next = await registerClient(
      a.db,
      a.writer,
      person('Abena Mensah'),
      '778899',
      clock.now(),
    );
    expect(next.ok).toBe(true);
    expect(await a.sync()).toMatchObject({ kind: 'synced', quarantined: 0 });
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('says the laptop was revoked, and that the app must be updated, keeping the outbox', async () => {
    const a = await laptop('dcjm0005', 'cjm');
    await registerClient(a.db, a.writer, person('Esi Owusu'), null, clock.now());
    await server.storage.revokeDevice('dcjm0005', new Date(clock.now()).toISOString());
    expect(await a.sync()).toMatchObject({ kind: 'failed', failure: 'device-revoked' });
    expect(await a.db.outbox.count()).toBe(4);

    const tooOld: Transport = async () => ({
      status: 426,
      text: async () => '{"error":"client-too-old"}',
    });
    const b = await laptop('dcjm0006', 'cjm', tooOld);
    await registerClient(b.db, b.writer, person('Yaw Asante'), null, clock.now());
    expect(await b.sync()).toMatchObject({ kind: 'failed', failure: 'update-required' });
    expect(await b.db.outbox.count()).toBe(4);
  });

  it('refuses a truncated answer and recovers on the next round', async () => {
    let truncate = true;
    const cut: Transport = async (url, init) => {
      const res = await fetch(url, init);
      const text = await res.text();
      return {
        status: res.status,
        text: async () =>
          truncate && url.includes('/pull') ? text.slice(0, Math.floor(text.length / 2)) : text,
      };
    };
    const a = await laptop('dcjm0007', 'cjm');
    const b = await laptop('dcjm0008', 'cjm', cut);
    await registerClient(a.db, a.writer, person('Abena Darko'), null, clock.now());
    await a.sync();
    expect(await b.sync()).toMatchObject({ kind: 'failed', failure: 'answer-unreadable' });
    expect(await readCursor(b.db)).toBe(0);
    truncate = false;
    expect((await b.sync()).kind).toBe('synced');
    expect(await b.db.events.count()).toBe(4);
  });
});
