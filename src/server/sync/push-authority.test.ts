/**
 * The server as gatekeeper (docs/security.md), over real HTTP on both storage engines: a desk
 * token stores facts only for its own location, and role facts only with a role proof the server
 * verifies; everything refused is answered per event, quarantined and never stored.
 */
import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PAYLOAD_VERSION, type BuurtpasEvent } from '../../domain/events.ts';
import { formatHlc } from '../../domain/hlc.ts';
import { canonicalEventText } from '../../domain/write-authority.ts';
import { keyIdOf } from '../auth/role-proof.ts';
import { aMemberStory, anEvent, makeTestId } from '../testing/build-test-events.ts';
import {
  startEngineServer,
  TEST_ENGINES,
  type EngineServer,
} from '../testing/start-engine-server.ts';

const DESK = 'desk-test-1';
const subtle = webcrypto.subtle;

type RoleKeyPair = {
  role: 'treasurer' | 'coordinator';
  keyId: string;
  publicKey: string;
  key: CryptoKey;
};

async function makeRoleKey(role: RoleKeyPair['role']): Promise<RoleKeyPair> {
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const raw = Buffer.from(await subtle.exportKey('raw', pair.publicKey));
  const publicKey = raw.toString('base64');
  return { role, keyId: keyIdOf(publicKey), publicKey, key: pair.privateKey };
}

async function signed(event: BuurtpasEvent, k: RoleKeyPair): Promise<BuurtpasEvent> {
  const sig = await subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    k.key,
    new TextEncoder().encode(canonicalEventText(event)),
  );
  return {
    ...event,
    proof: { role: k.role, keyId: k.keyId, sig: Buffer.from(sig).toString('base64') },
  };
}

type Result = { eventId: string; status: string; reason?: string; seq?: number };

async function push(server: EngineServer, token: string, events: unknown[]): Promise<Result[]> {
  const res = await fetch(`${server.baseUrl}/api/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Result[] }).results;
}

async function storedIds(server: EngineServer): Promise<string[]> {
  const rows = await server.storage.readEventsAfter(0, 10_000);
  return rows.map((r) => (JSON.parse(r.json) as BuurtpasEvent).eventId);
}

const statusOf = (results: Result[]) => results.map((r) => r.reason ?? r.status);

describe.each(TEST_ENGINES)('the server decides who may write what (%s)', (engine) => {
  let server: EngineServer | undefined;
  const start = async () => {
    server = await startEngineServer(engine);
    return server;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("refuses a desk's facts for another location, per event, and stores none of them", async () => {
    const s = await start();
    const token = await s.enroll(DESK, { locationId: 'cjm' });
    const memberId = makeTestId();
    const own = aMemberStory(memberId, { deviceId: DESK, locationId: 'cjm', paidCents: 250 });
    const elsewhere = [
      anEvent('visit-recorded', { memberId, locationId: 'multibron' }, { deviceId: DESK }),
      anEvent('client-registered', { memberId, locationId: 'nowhere' }, { deviceId: DESK }),
      anEvent(
        'payment-recorded',
        { memberId, associationId: 'bv-multibron', year: 2026, amountCents: 250, method: 'cash' },
        { deviceId: DESK },
      ),
      anEvent('walk-in-counted', { locationId: 'handreiking', serviceId: 'x' }, { deviceId: DESK }),
      // The envelope claims another desk's location.
      anEvent(
        'visit-recorded',
        { memberId, locationId: 'cjm' },
        { deviceId: DESK, locationId: 'multibron' },
      ),
    ];
    const results = await push(s, token, [...own, ...elsewhere]);
    expect(statusOf(results)).toEqual([
      ...own.map(() => 'inserted'),
      ...elsewhere.map(() => 'location-forbidden'),
    ]);
    expect(await storedIds(s)).toEqual(own.map((e) => e.eventId));
    const quarantine = await s.storage.listQuarantine(100);
    expect(quarantine.map((q) => q.reason)).toEqual(elsewhere.map(() => 'location-forbidden'));
  });

  it('refuses role facts from a desk without a proof, whatever role the event claims', async () => {
    const s = await start();
    const token = await s.enroll(DESK);
    const memberId = makeTestId();
    const claims = { deviceId: DESK } as const;
    const roleFacts = [
      anEvent('member-erased', { memberId }, claims),
      anEvent(
        'contribution-amount-set',
        { associationId: 'bv-cjm', year: 2026, amountCents: 1 },
        claims,
      ),
      anEvent('members-merged', { fromMemberId: memberId, intoMemberId: makeTestId() }, claims),
      anEvent('target-set', { indicator: 'x', locationId: 'cjm', year: 2026, value: 1 }, claims),
      anEvent(
        'role-pin-set',
        {
          role: 'coordinator',
          algorithm: 'PBKDF2-SHA-256',
          iterations: 210_000,
          salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
          hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
        },
        claims,
      ),
    ].map((e) => ({ ...e, role: 'coordinator' as const }));
    const results = await push(s, token, roleFacts);
    expect(statusOf(results)).toEqual(roleFacts.map(() => 'role-proof-required'));
    expect(await storedIds(s)).toEqual([]);
  });

  it('accepts role facts signed with a role key the server knows, and nothing forged', async () => {
    const s = await start();
    const token = await s.enroll(DESK);
    const treasurer = await makeRoleKey('treasurer');
    const coordinator = await makeRoleKey('coordinator');
    const stranger = await makeRoleKey('coordinator');
    const now = new Date().toISOString();
    for (const k of [treasurer, coordinator])
      await s.storage.addRoleKey({
        keyId: k.keyId,
        role: k.role,
        publicKey: k.publicKey,
        createdAt: now,
      });
    const memberId = makeTestId();
    const amount = anEvent(
      'contribution-amount-set',
      { associationId: 'bv-multibron', year: 2026, amountCents: 300 },
      { deviceId: DESK },
    );
    const erase = anEvent('member-erased', { memberId }, { deviceId: DESK });
    const tampered = { ...(await signed(amount, treasurer)), eventId: makeTestId() };
    const results = await push(s, token, [
      await signed(amount, treasurer),
      await signed(erase, treasurer),
      await signed(anEvent('member-erased', { memberId }, { deviceId: DESK }), stranger),
      tampered,
      await signed(erase, coordinator),
    ]);
    expect(statusOf(results)).toEqual([
      'inserted',
      'role-forbidden',
      'role-proof-invalid',
      'role-proof-invalid',
      'inserted',
    ]);

    // A reset revokes the role's keys: what they sign from then on is refused.
    expect(await s.storage.revokeRoleKeys('treasurer', now)).toBe(1);
    const later = anEvent(
      'contribution-waived',
      { memberId, associationId: 'bv-cjm', year: 2026, reason: 'ziek' },
      { deviceId: DESK },
    );
    expect(statusOf(await push(s, token, [await signed(later, treasurer)]))).toEqual([
      'role-proof-invalid',
    ]);
  });

  it("lets a desk undo its own facts, and only the treasurer void another device's", async () => {
    const s = await start();
    const mine = await s.enroll(DESK);
    const other = await s.enroll('desk-test-2');
    const memberId = makeTestId();
    const [registered] = aMemberStory(memberId, { deviceId: 'desk-test-2' });
    await push(s, other, [registered]);
    const visit = anEvent('visit-recorded', { memberId, locationId: 'cjm' }, { deviceId: DESK });
    const undoOwn = anEvent(
      'event-voided',
      { targetEventId: visit.eventId, reason: 'mis' },
      { deviceId: DESK },
    );
    const voidOther = anEvent(
      'event-voided',
      { targetEventId: registered!.eventId, reason: 'fout' },
      { deviceId: DESK },
    );
    expect(statusOf(await push(s, mine, [visit, undoOwn, voidOther]))).toEqual([
      'inserted',
      'inserted',
      'role-proof-required',
    ]);
    const treasurer = await makeRoleKey('treasurer');
    await s.storage.addRoleKey({ ...treasurer, createdAt: new Date().toISOString() });
    expect(statusOf(await push(s, mine, [await signed(voidOther, treasurer)]))).toEqual([
      'inserted',
    ]);
  });

  it('trusts a coordinator device, which registers role keys through role-pin-set', async () => {
    const s = await start();
    const coordinatorDevice = await s.enroll('laptop-coord', { role: 'coordinator' });
    const desk = await s.enroll(DESK);
    const treasurer = await makeRoleKey('treasurer');
    const pinSet = anEvent(
      'role-pin-set',
      {
        role: 'treasurer',
        algorithm: 'PBKDF2-SHA-256',
        iterations: 210_000,
        salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
        hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
        publicKey: treasurer.publicKey,
      },
      { deviceId: 'laptop-coord', locationId: 'multibron' },
    );
    const anywhere = anEvent(
      'visit-recorded',
      { memberId: makeTestId(), locationId: 'handreiking' },
      {
        deviceId: 'laptop-coord',
      },
    );
    expect(statusOf(await push(s, coordinatorDevice, [pinSet, anywhere]))).toEqual([
      'inserted',
      'inserted',
    ]);
    expect((await s.storage.listRoleKeys()).map((k) => [k.role, k.keyId])).toEqual([
      ['treasurer', treasurer.keyId],
    ]);
    const waiver = anEvent(
      'contribution-waived',
      { memberId: makeTestId(), associationId: 'bv-cjm', year: 2026, reason: 'ziek' },
      { deviceId: DESK },
    );
    expect(statusOf(await push(s, desk, [await signed(waiver, treasurer)]))).toEqual(['inserted']);
  });

  it('answers the same eventId with other content as a conflict, and keeps the first', async () => {
    const s = await start();
    const token = await s.enroll(DESK);
    const memberId = makeTestId();
    const first = anEvent(
      'member-profile-set',
      { memberId, fields: { phone: '0612345678' } },
      { deviceId: DESK },
    );
    const changed = { ...first, data: { memberId, fields: { phone: '0687654321' } } };
    const [a] = await push(s, token, [first]);
    const again = await push(s, token, [first, changed]);
    expect(again).toEqual([
      { eventId: first.eventId, status: 'duplicate', seq: a!.seq },
      { eventId: first.eventId, status: 'conflict', seq: a!.seq },
    ]);
    const rows = await s.storage.readEventsAfter(0, 10);
    expect(rows.map((r) => JSON.parse(r.json) as BuurtpasEvent)).toEqual([first]);
  });

  it('quarantines NUL characters, impossible dates and a clock of another device, without a 500', async () => {
    const s = await start();
    const token = await s.enroll(DESK);
    const memberId = makeTestId();
    const nulReason = anEvent(
      'client-deregistered',
      { memberId, locationId: 'cjm', reason: 'a\u0000b' },
      { deviceId: DESK },
    );
    const nulId = {
      ...anEvent('visit-recorded', { memberId, locationId: 'cjm' }, { deviceId: DESK }),
      eventId: 'x\u0000y',
    };
    const badDate = anEvent(
      'membership-started',
      { memberId, associationId: 'bv-cjm', date: '2026-13-45' },
      { deviceId: DESK },
    );
    const zeroDate = anEvent(
      'referral-recorded',
      { memberId, locationId: 'cjm', source: 'wpi', date: '0000-00-00' },
      { deviceId: DESK },
    );
    const foreignClock = anEvent(
      'visit-recorded',
      { memberId, locationId: 'cjm' },
      { deviceId: DESK, hlc: formatHlc({ wallMs: Date.now(), counter: 0 }, 'someone-else') },
    );
    const fine = anEvent('visit-recorded', { memberId, locationId: 'cjm' }, { deviceId: DESK });
    const results = await push(s, token, [nulReason, nulId, badDate, zeroDate, foreignClock, fine]);
    expect(statusOf(results)).toEqual([
      'event-invalid',
      'event-invalid',
      'event-invalid',
      'event-invalid',
      'clock-device-mismatch',
      'inserted',
    ]);
    expect(await storedIds(s)).toEqual([fine.eventId]);
    expect((await s.storage.listQuarantine(10)).length).toBe(5);
  });

  it('clamps an `at` from a clock far ahead like the HLC', async () => {
    const now = Date.parse('2026-03-10T12:00:00.000Z');
    server = await startEngineServer(engine, { nowMs: () => now });
    const token = await server.enroll(DESK);
    const ahead = anEvent(
      'visit-recorded',
      { memberId: makeTestId(), locationId: 'cjm' },
      { deviceId: DESK, at: '2030-01-01T00:00:00.000Z' },
    );
    await push(server, token, [ahead]);
    const [row] = await server.storage.readEventsAfter(0, 1);
    const stored = JSON.parse(row!.json) as BuurtpasEvent;
    expect(stored.at).toBe(new Date(now + 10 * 60_000).toISOString());
    expect(stored.hlc.startsWith(String(now + 10 * 60_000).padStart(15, '0'))).toBe(true);
  });
});
