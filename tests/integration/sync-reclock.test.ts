/**
 * A laptop whose clock runs a year ahead: the server clamps its HLCs, and the laptop must adopt
 * the clamped clocks of its own events when it pulls them back, or its member record keeps a
 * field winner that no other replica has.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkInByPass,
  countWalkIn,
  recordPayment,
  recordServiceUse,
  registerClient,
  voidEvent,
} from '../../src/app/db/desk-actions.ts';
import { dumpProjection } from '../../src/app/db/dump-projection.ts';
import { tablesOf } from '../../src/domain/projection/memory-projection.ts';
import { stableStringify } from '../sim/run-simulation.ts';
import { writeEvents } from '../../src/app/db/record-events.ts';
import { foldEvents } from '../../src/domain/ledger.ts';
import type { BuurtpasEvent } from '../../src/domain/events.ts';
import { startTestServer, type TestServer } from '../../src/server/testing/start-test-server.ts';
import {
  createSimLaptop,
  makeSimClock,
  nodeFetch,
  type SimClock,
  type SimLaptop,
} from '../sim/sim-laptop.ts';
import { aNewcomer } from './support/newcomer.ts';

let server: TestServer | undefined;
const laptops: SimLaptop[] = [];

afterEach(async () => {
  for (const l of laptops.splice(0)) await l.close();
  await server?.close();
});

/** A laptop on its own clock, enrolled at the test server. */
async function connectedLaptop(
  deviceId: string,
  locationId: string,
  clock: SimClock,
  seed: number,
): Promise<SimLaptop> {
  const laptop = await createSimLaptop({
    name: deviceId,
    deviceId,
    locationId,
    clock,
    seed,
    transport: nodeFetch,
  });
  laptops.push(laptop);
  await laptop.connect(server!.baseUrl, await server!.enroll(deviceId, { locationId }));
  return laptop;
}

describe('clamped HLC', () => {
  it('the laptop with a clock far ahead takes the server clamp, so a later edit elsewhere wins on every replica', async () => {
    const serverClock = makeSimClock('2026-11-27T09:00:00.000Z');
    const aheadClock = makeSimClock('2027-11-27T09:00:00.000Z');
    server = await startTestServer({ nowMs: serverClock.now, maxClockSkewMs: 600_000 });
    const ahead = await connectedLaptop('dahead01', 'cjm', aheadClock, 1);
    const normal = await connectedLaptop('dnormal1', 'multibron', serverClock, 2);

    const reg = await registerClient(
      ahead.db,
      ahead.writer,
      {
        name: 'Ama Mensah',
        phone: '0611111111',
        postcode: '',
        birthYear: null,
        becomesMember: false,
        referral: null,
      },
      '123456',
      aheadClock.now(),
    );
    if (!reg.ok) throw new Error('registration failed');
    const memberId = reg.memberId;
    expect(await ahead.sync()).toMatchObject({ kind: 'synced' });
    // The stored copy of its own profile event now carries the server's (clamped) clock.
    const own = (
      await ahead.db.events
        .where('memberId')
        .equals(memberId)
        .filter((r) => r.type === 'member-profile-set')
        .toArray()
    )[0]!;
    expect(own.event.hlc.startsWith('0017')).toBe(true);
    expect(
      own.event.hlc < `${String(Date.parse('2026-11-27T09:11:00.000Z')).padStart(15, '0')}`,
    ).toBe(true);

    // Ten minutes later (server time) the other desk corrects the phone number.
    serverClock.advance(20 * 60_000);
    expect(await normal.sync()).toMatchObject({ kind: 'synced' });
    await writeEvents(
      normal.db,
      normal.writer,
      [{ type: 'member-profile-set', data: { memberId, fields: { phone: '0622222222' } } }],
      serverClock.now(),
    );
    expect(await normal.sync()).toMatchObject({ kind: 'synced' });
    expect(await ahead.sync()).toMatchObject({ kind: 'synced' });

    const serverEvents = (await server.storage.readEventsAfter(0, 1000)).map(
      (r) => JSON.parse(r.json) as BuurtpasEvent,
    );
    const serverRecord = foldEvents(serverEvents).members.get(memberId)!;
    expect(serverRecord.fields.phone).toBe('0622222222');
    for (const l of [ahead, normal]) {
      const m = (await l.db.members.get(memberId))!;
      expect({ laptop: l.name, phone: m.fields.phone, name: m.name, clocks: m.clocks }).toEqual({
        laptop: l.name,
        phone: '0622222222',
        name: 'Ama Mensah',
        clocks: serverRecord.clocks,
      });
    }
  });

  it('a clamped `at` moves every derived row on the laptop that wrote it, as on the server and a new laptop', async () => {
    // A year ahead: the clamp moves days, weeks and the contribution year, not only clocks.
    const serverClock = makeSimClock('2026-11-27T09:00:00.000Z');
    const aheadClock = makeSimClock('2027-12-28T15:00:00.000Z');
    server = await startTestServer({ nowMs: serverClock.now, maxClockSkewMs: 600_000 });
    const ahead = await connectedLaptop('dahead02', 'cjm', aheadClock, 3);
    const fresh = await connectedLaptop('dfresh01', 'multibron', serverClock, 4);

    const reg = await registerClient(
      ahead.db,
      ahead.writer,
      aNewcomer('Kofi Boateng'),
      '234567',
      aheadClock.now(),
    );
    if (!reg.ok) throw new Error('registration failed');
    aheadClock.advance(60_000);
    const paid = await recordPayment(ahead.db, ahead.writer, reg.memberId, 250, aheadClock.now());
    await recordPayment(ahead.db, ahead.writer, reg.memberId, 100, aheadClock.now());
    aheadClock.advance(60_000);
    // Registering records today's visit; a second scan the same day is 'already here'.
    await checkInByPass(ahead.db, ahead.writer, '234567', aheadClock.now());
    await recordServiceUse(ahead.db, ahead.writer, reg.memberId, 'cjm:kookclub', aheadClock.now());
    await countWalkIn(ahead.db, ahead.writer, 'cjm:kookclub', aheadClock.now());
    expect((await voidEvent(ahead.db, ahead.writer, paid, 'fout', aheadClock.now())).ok).toBe(true);
    expect(await ahead.sync()).toMatchObject({ kind: 'synced' });
    expect(await fresh.sync()).toMatchObject({ kind: 'synced' });

    const serverEvents = (await server.storage.readEventsAfter(0, 1000)).map(
      (r) => JSON.parse(r.json) as BuurtpasEvent,
    );
    // The control: the server did clamp (else this test proves nothing).
    expect(serverEvents.every((e) => e.at < '2026-11-28')).toBe(true);
    const expected = stableStringify(tablesOf(foldEvents(serverEvents)));
    for (const l of [ahead, fresh]) {
      const tables = stableStringify(await dumpProjection(l.db));
      expect({ laptop: l.name, tables }).toEqual({ laptop: l.name, tables: expected });
      // The stored copies are the server's too (day index included).
      const stored = await l.db.events.toArray();
      expect(stored.every((r) => r.event.at < '2026-11-28' && r.day === '2026-11-27')).toBe(true);
    }
  });
});
