/**
 * `GET /api/v1/facts?ids=…` over a real HTTP server on every engine this run has (SQLite always;
 * PostgreSQL with BUURTPAS_TEST_PG_URL).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PAYLOAD_VERSION, type BuurtpasEvent } from '../../domain/events.ts';
import { MAX_FACTS_BY_ID, type FactsByIdResponse } from '../../domain/facts-by-id-protocol.ts';
import { anEvent, makeTestId } from '../testing/build-test-events.ts';
import {
  startEngineServer,
  TEST_ENGINES,
  type EngineServer,
} from '../testing/start-engine-server.ts';

const NOW = Date.parse('2026-06-01T10:00:00.000Z');
const servers: EngineServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const getFacts = (server: EngineServer, token: string | undefined, query: string) =>
  fetch(
    `${server.baseUrl}/api/v1/facts${query}`,
    token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
  );

describe.each(TEST_ENGINES)('GET /api/v1/facts (%s)', (engine) => {
  it('answers the stored facts asked for, in seq order, as stored; unknown ids left out', async () => {
    const server = await startEngineServer(engine, { nowMs: () => NOW });
    servers.push(server);
    const token = await server.enroll('desk-ids-1', { locationId: 'cjm' });
    const member = makeTestId(0xa1);
    const events: BuurtpasEvent[] = [
      anEvent(
        'client-registered',
        { memberId: member, locationId: 'cjm' },
        { deviceId: 'desk-ids-1' },
      ),
      anEvent(
        'visit-recorded',
        { memberId: member, locationId: 'cjm' },
        { deviceId: 'desk-ids-1' },
      ),
      anEvent(
        'walk-in-counted',
        { locationId: 'cjm', serviceId: 'cjm:kookclub' },
        { deviceId: 'desk-ids-1' },
      ),
    ];
    const push = await fetch(`${server.baseUrl}/api/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events }),
    });
    expect(push.status).toBe(200);

    const unknown = makeTestId(0xdead);
    const ids = [events[2]!.eventId, unknown, events[0]!.eventId];
    const res = await getFacts(server, token, `?ids=${ids.join(',')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as FactsByIdResponse;
    expect(body.events.map((e) => e.seq)).toEqual([1, 3]);
    expect(body.events.map((e) => (e.event as BuurtpasEvent).eventId)).toEqual([
      events[0]!.eventId,
      events[2]!.eventId,
    ]);
    expect(body.events[1]!.event).toEqual(events[2]);
    expect(
      ((await (await getFacts(server, token, `?ids=${unknown}`)).json()) as FactsByIdResponse)
        .events,
    ).toEqual([]);
  });

  it('asks for a token and refuses ids that are not event ids, or too many', async () => {
    const server = await startEngineServer(engine, { nowMs: () => NOW });
    servers.push(server);
    const token = await server.enroll('desk-ids-2', { locationId: 'cjm' });
    const id = makeTestId(1);
    expect((await getFacts(server, undefined, `?ids=${id}`)).status).toBe(401);
    const tooMany = Array.from({ length: MAX_FACTS_BY_ID + 1 }, (_, i) => makeTestId(i + 1));
    for (const query of [
      '',
      '?ids=',
      `?ids=${id.toUpperCase()}`,
      `?ids=${id},`,
      `?ids=${id}&after=3`,
      `?ids=${tooMany.join(',')}`,
    ]) {
      const res = await getFacts(server, token, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(((await res.json()) as { error: string }).error).toBe('query-invalid');
    }
  });
});
