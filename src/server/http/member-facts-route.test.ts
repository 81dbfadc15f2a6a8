/**
 * `GET /api/v1/members/:memberId/facts` over a real HTTP server on every engine this run has
 * (SQLite always; PostgreSQL with BUURTPAS_TEST_PG_URL).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PAYLOAD_VERSION, type BuurtpasEvent } from '../../domain/events.ts';
import type { MemberFactsResponse } from '../../domain/member-admin/member-facts-protocol.ts';
import { aMemberStory, anEvent, makeTestId } from '../testing/build-test-events.ts';
import {
  startEngineServer,
  TEST_ENGINES,
  type EngineServer,
} from '../testing/start-engine-server.ts';

const NOW = Date.parse('2026-06-01T10:00:00.000Z');
const COORD = 'coord-facts-1';
const servers: EngineServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function push(server: EngineServer, token: string, events: BuurtpasEvent[]) {
  const res = await fetch(`${server.baseUrl}/api/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: { status: string; reason?: string }[] };
  expect(body.results.filter((r) => r.status !== 'inserted')).toEqual([]);
}

const getFacts = (server: EngineServer, token: string | undefined, memberId: string, q = '') =>
  fetch(
    `${server.baseUrl}/api/v1/members/${memberId}/facts${q}`,
    token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
  );

async function readAllFacts(server: EngineServer, token: string, memberId: string, limit = 1000) {
  const pages: MemberFactsResponse[] = [];
  let after = 0;
  for (let i = 0; i < 100; i++) {
    const res = await getFacts(server, token, memberId, `?after=${after}&limit=${limit}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as MemberFactsResponse;
    pages.push(page);
    after = page.next;
    if (!page.hasMore) break;
  }
  return {
    pages,
    memberIds: pages[0]!.memberIds,
    erased: pages[0]!.erased,
    events: pages.flatMap((p) => p.events as { seq: number; event: BuurtpasEvent }[]),
    voided: pages.flatMap((p) => p.voided),
  };
}

const env = { deviceId: COORD, at: '2026-03-10T10:00:00.000Z' };

describe.each(TEST_ENGINES)('GET /api/v1/members/:id/facts (%s)', (engine) => {
  async function start() {
    const server = await startEngineServer(engine, { nowMs: () => NOW });
    servers.push(server);
    const coordinator = await server.enroll(COORD, { role: 'coordinator' });
    return { server, coordinator };
  }

  it('refuses an unknown, a missing or a revoked token, and says which id or query is malformed', async () => {
    const { server, coordinator } = await start();
    const desk = await server.enroll('desk-facts-9', { locationId: 'multibron' });
    const id = makeTestId();
    await push(server, coordinator, aMemberStory(id, { deviceId: COORD }));

    const missing = await getFacts(server, undefined, id);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: 'token-missing' });
    const unknown = await getFacts(server, 'x'.repeat(43), id);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ error: 'token-invalid' });

    // A desk of another location reads as it may pull (docs/security.md): same facts.
    expect((await getFacts(server, desk, id)).status).toBe(200);
    await server.storage.revokeDevice('desk-facts-9', new Date(NOW).toISOString());
    const revoked = await getFacts(server, desk, id);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: 'device-revoked' });

    for (const bad of ['not-a-member', id.toUpperCase(), `${id}0`, '%27%20OR%201%3D1']) {
      const res = await getFacts(server, coordinator, bad);
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'member-id-invalid' });
    }
    for (const q of ['?after=-1', '?limit=0', '?limit=5001', '?after=abc', '?foo=1']) {
      const res = await getFacts(server, coordinator, id, q);
      expect(res.status, q).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'query-invalid' });
    }
  });

  it('returns the facts of every record merged into the person, in seq order and paged, with voids', async () => {
    const { server, coordinator } = await start();
    const [a, b, c, other] = [makeTestId(), makeTestId(), makeTestId(), makeTestId()];
    const visitA = anEvent('visit-recorded', { memberId: a, locationId: 'cjm' }, env);
    const visitC = anEvent('visit-recorded', { memberId: c, locationId: 'cjm' }, env);
    const story = [
      ...aMemberStory(a, { deviceId: COORD, name: 'Ama A' }),
      ...aMemberStory(b, { deviceId: COORD, name: 'Ama B', paidCents: 250 }),
      ...aMemberStory(c, { deviceId: COORD, name: 'Ama C' }),
      ...aMemberStory(other, { deviceId: COORD, name: 'Someone Else' }),
      visitA,
      visitC,
      anEvent('visit-recorded', { memberId: other, locationId: 'cjm' }, env),
      // C into A, then A into B: B's person holds all three (a chain).
      anEvent('members-merged', { fromMemberId: c, intoMemberId: a }, env),
      anEvent('members-merged', { fromMemberId: a, intoMemberId: b }, env),
      anEvent('event-voided', { targetEventId: visitC.eventId, reason: 'dubbel' }, env),
    ];
    await push(server, coordinator, story);

    const whole = await readAllFacts(server, coordinator, b);
    expect(new Set(whole.memberIds)).toEqual(new Set([a, b, c]));
    expect(whole.memberIds[0]).toBe(b);
    expect(whole.erased).toBe(false);
    const expected = story.filter((e) => {
      const d = e.data as { memberId?: string; intoMemberId?: string };
      const about = d.memberId ?? d.intoMemberId;
      return about === a || about === b || about === c;
    });
    expect(whole.events.map((e) => e.event.eventId)).toEqual(expected.map((e) => e.eventId));
    const seqs = whole.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(whole.voided).toEqual([visitC.eventId]);

    // Small pages walk the same facts, each once.
    const paged = await readAllFacts(server, coordinator, b, 2);
    expect(paged.pages.length).toBe(Math.ceil(expected.length / 2));
    expect(paged.events).toEqual(whole.events);
    expect(paged.voided).toEqual([visitC.eventId]);

    // A itself: C merged into it, not B (B is where A went, not part of A).
    const ofA = await readAllFacts(server, coordinator, a);
    expect(new Set(ofA.memberIds)).toEqual(new Set([a, c]));
    expect(ofA.events.some((e) => e.event.type === 'payment-recorded')).toBe(false);

    // Someone the server never heard of: nothing, not an error.
    const nobody = makeTestId();
    const none = await readAllFacts(server, coordinator, nobody);
    expect(none).toMatchObject({ memberIds: [nobody], erased: false, events: [], voided: [] });
  });

  it('a record merged into two people belongs to the smaller target, as on the laptop', async () => {
    const { server, coordinator } = await start();
    const from = makeTestId();
    const small = `00000000-0000-7000-8000-${makeTestId().slice(-12)}`;
    const large = `ffffffff-0000-7000-8000-${makeTestId().slice(-12)}`;
    await push(server, coordinator, [
      ...aMemberStory(from, { deviceId: COORD }),
      ...aMemberStory(small, { deviceId: COORD }),
      ...aMemberStory(large, { deviceId: COORD }),
      anEvent('members-merged', { fromMemberId: from, intoMemberId: large }, env),
      anEvent('members-merged', { fromMemberId: from, intoMemberId: small }, env),
    ]);
    expect((await readAllFacts(server, coordinator, small)).memberIds).toEqual([small, from]);
    expect((await readAllFacts(server, coordinator, large)).memberIds).toEqual([large]);
  });

  it('an erased person: flagged, and no profile fact carries a field', async () => {
    const { server, coordinator } = await start();
    const id = makeTestId();
    const merged = makeTestId();
    await push(server, coordinator, [
      ...aMemberStory(id, { deviceId: COORD, name: 'Geheime Naam' }),
      ...aMemberStory(merged, { deviceId: COORD, name: 'Tweede Naam' }),
      anEvent(
        'member-profile-set',
        { memberId: id, fields: { phone: '0612345678', postcode: '1102 AB' } },
        env,
      ),
      anEvent('visit-recorded', { memberId: id, locationId: 'cjm' }, env),
      anEvent('members-merged', { fromMemberId: merged, intoMemberId: id }, env),
      anEvent('member-erased', { memberId: id }, { ...env, at: '2026-04-01T10:00:00.000Z' }),
    ]);
    const res = await getFacts(server, coordinator, id);
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const personal of ['Geheime', 'Tweede', '0612345678', '1102 AB']) {
      expect(text).not.toContain(personal);
    }
    const body = JSON.parse(text) as MemberFactsResponse;
    expect(body.erased).toBe(true);
    expect(new Set(body.memberIds)).toEqual(new Set([id, merged]));
    const events = body.events.map((e) => e.event as BuurtpasEvent);
    const profiles = events.filter((e) => e.type === 'member-profile-set');
    expect(profiles.length).toBe(3);
    for (const p of profiles) expect(p.type === 'member-profile-set' && p.data.fields).toEqual({});
    // The anonymous facts stay: the visit is still there.
    expect(events.some((e) => e.type === 'visit-recorded')).toBe(true);
  });
});
