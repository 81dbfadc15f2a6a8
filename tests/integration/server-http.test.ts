/**
 * The server over real HTTP on SQLite: protocol v1 end to end, and bad input to every endpoint.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../src/domain/events.ts';
import { PAYLOAD_VERSION } from '../../src/domain/events.ts';
import { checksumOf } from '../../src/domain/event-set-checksum.ts';
import { formatHlc } from '../../src/domain/hlc.ts';
import { foldEvents } from '../../src/domain/ledger.ts';
import type { PullResponse, PushResponse, SummaryResponse } from '../../src/domain/protocol.ts';
import { summarize } from '../../src/domain/summary.ts';
import { aMemberStory, anEvent, makeTestId } from '../../src/server/testing/build-test-events.ts';
import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../../src/server/testing/start-test-server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: TestServerOptions = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

type Answer<T = unknown> = { status: number; body: T; headers: Headers };

async function call<T = Record<string, unknown>>(
  server: TestServer,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    rawBody?: string;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const res = await fetch(`${server.baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Static files answer with HTML or JS.
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

function push(
  server: TestServer,
  token: string,
  events: unknown[],
  extra: Record<string, unknown> = {},
) {
  return call<PushResponse>(server, 'POST', '/api/v1/push', {
    token,
    body: { protocol: 1, payloadVersion: PAYLOAD_VERSION, events, ...extra },
  });
}

async function pullAll(
  server: TestServer,
  token: string,
  limit = 3,
): Promise<{ seq: number; event: BuurtpasEvent }[]> {
  const out: { seq: number; event: BuurtpasEvent }[] = [];
  let after = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await call<PullResponse>(
      server,
      'GET',
      `/api/v1/pull?after=${after}&limit=${limit}`,
      { token },
    );
    expect(page.status).toBe(200);
    out.push(...page.body.events);
    expect(page.body.next).toBe(page.body.events.at(-1)?.seq ?? after);
    after = page.body.next;
    if (!page.body.hasMore) return out;
  }
  throw new Error('pull did not finish');
}

const DESK = 'desk-test-1';

describe('protocol v1 over HTTP (SQLite)', () => {
  it('answers health without a token', async () => {
    const server = await start();
    const health = await call(server, 'GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      protocol: 1,
      payloadVersion: PAYLOAD_VERSION,
    });
  });

  it('enrolls a device with a one-time code made by an admin, and refuses the code a second time', async () => {
    const server = await start();
    const made = await call<{ code: string; locationId: string; role: string }>(
      server,
      'POST',
      '/api/v1/admin/enrollment-codes',
      {
        token: server.adminToken,
        body: { locationId: 'multibron' },
      },
    );
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ locationId: 'multibron', role: 'desk' });
    const enrolled = await call(server, 'POST', '/api/v1/enroll', {
      body: {
        code: made.body.code.toLowerCase(),
        deviceId: 'laptop-mb-1',
        name: 'Balie MultiBron',
      },
    });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body).toMatchObject({ deviceId: 'laptop-mb-1', locationId: 'multibron' });
    expect(typeof enrolled.body.token).toBe('string');
    const again = await call(server, 'POST', '/api/v1/enroll', {
      body: { code: made.body.code, deviceId: 'laptop-mb-2' },
    });
    expect(again).toMatchObject({ status: 400, body: { error: 'code-used' } });
    // The token works; a desk device may not make codes.
    const token = String(enrolled.body.token);
    expect((await call(server, 'GET', '/api/v1/pull', { token })).status).toBe(200);
    expect(
      await call(server, 'POST', '/api/v1/admin/enrollment-codes', {
        token,
        body: { locationId: 'cjm' },
      }),
    ).toMatchObject({
      status: 403,
      body: { error: 'role-forbidden' },
    });
    const devices = await call<{ devices: { deviceId: string }[] }>(
      server,
      'GET',
      '/api/v1/admin/devices',
      { token: server.adminToken },
    );
    expect(devices.body.devices.map((d) => d.deviceId)).toEqual(['laptop-mb-1']);
  });

  it('lets a coordinator device make codes and revoke devices; a revoked device is told to wipe', async () => {
    const server = await start();
    const coordinator = await server.enroll('laptop-coord', { role: 'coordinator' });
    const desk = await server.enroll('laptop-desk');
    const code = await call(server, 'POST', '/api/v1/admin/enrollment-codes', {
      token: coordinator,
      body: { locationId: 'handreiking', role: 'desk' },
    });
    expect(code.status).toBe(201);
    expect(
      (
        await call(server, 'POST', '/api/v1/admin/devices/laptop-desk/revoke', {
          token: coordinator,
        })
      ).status,
    ).toBe(200);
    for (const [method, path] of [
      ['GET', '/api/v1/pull'],
      ['GET', '/api/v1/summary'],
    ] as const) {
      expect(await call(server, method, path, { token: desk })).toMatchObject({
        status: 401,
        body: { error: 'device-revoked' },
      });
    }
    const refused = await push(server, desk, [
      anEvent(
        'walk-in-counted',
        { locationId: 'cjm', serviceId: 'cjm:kookclub' },
        { deviceId: 'laptop-desk' },
      ),
    ]);
    expect(refused).toMatchObject({ status: 401, body: { error: 'device-revoked' } });
    expect(await server.storage.lastSeq()).toBe(0);
    expect(
      await call(server, 'POST', '/api/v1/admin/devices/nobody-here/revoke', {
        token: coordinator,
      }),
    ).toMatchObject({ status: 404, body: { error: 'device-unknown' } });
  });

  it('pushes idempotently: the same request twice gives the same answers and stores nothing new', async () => {
    const server = await start();
    const token = await server.enroll(DESK);
    const events = aMemberStory(makeTestId(), { paidCents: 250 });
    const first = await push(server, token, events);
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual(
      events.map((e, i) => ({ eventId: e.eventId, status: 'inserted', seq: i + 1 })),
    );
    const second = await push(server, token, events);
    expect(second.body.results).toEqual(
      events.map((e, i) => ({ eventId: e.eventId, status: 'duplicate', seq: i + 1 })),
    );
    expect(await pullAll(server, token)).toHaveLength(events.length);
  });

  it("answers a duplicate within one batch with the first copy's seq", async () => {
    const server = await start();
    const token = await server.enroll(DESK);
    const e = anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' });
    const answer = await push(server, token, [e, e]);
    expect(answer.body.results).toEqual([
      { eventId: e.eventId, status: 'inserted', seq: 1 },
      { eventId: e.eventId, status: 'duplicate', seq: 1 },
    ]);
  });

  it('keeps seq gap-free and in commit order under 10 parallel pushes', async () => {
    const server = await start();
    const tokens = await Promise.all(
      Array.from({ length: 10 }, (_, i) => server.enroll(`desk-par-${i}`)),
    );
    const batches = tokens.map((_, i) =>
      Array.from({ length: 30 }, () =>
        anEvent(
          'walk-in-counted',
          { locationId: 'cjm', serviceId: `cjm:s${i}` },
          { deviceId: `desk-par-${i}` },
        ),
      ),
    );
    const answers = await Promise.all(batches.map((b, i) => push(server, tokens[i] ?? '', b)));
    const acked = new Map<string, number>();
    for (const a of answers) {
      expect(a.status).toBe(200);
      for (const r of a.body.results) {
        expect(r.status).toBe('inserted');
        if (r.status === 'inserted') acked.set(r.eventId, r.seq);
      }
    }
    const pulled = await pullAll(server, tokens[0] ?? '', 17);
    expect(pulled.map((p) => p.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(pulled.map((p) => acked.get(p.event.eventId))).toEqual(pulled.map((p) => p.seq));
    expect(new Set(pulled.map((p) => p.event.eventId)).size).toBe(300);
  });

  it("quarantines an invalid event and another device's event without blocking the rest", async () => {
    const server = await start();
    const token = await server.enroll(DESK);
    const ok1 = anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' });
    const broken = {
      ...anEvent('visit-recorded', { memberId: makeTestId(), locationId: 'cjm' }),
      data: { memberId: 42 },
    };
    const unknownType = {
      ...anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'x' }),
      type: 'teleport-recorded',
    };
    const foreign = anEvent(
      'walk-in-counted',
      { locationId: 'cjm', serviceId: 'cjm:kookclub' },
      { deviceId: 'desk-someone-else' },
    );
    const ok2 = anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' });
    const answer = await push(server, token, [
      ok1,
      broken,
      unknownType,
      foreign,
      ok2,
      'not even an object',
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      { eventId: ok1.eventId, status: 'inserted', seq: 1 },
      { eventId: broken.eventId, status: 'quarantined', reason: 'event-invalid' },
      { eventId: unknownType.eventId, status: 'quarantined', reason: 'type-unknown' },
      { eventId: foreign.eventId, status: 'quarantined', reason: 'device-mismatch' },
      { eventId: ok2.eventId, status: 'inserted', seq: 2 },
      { eventId: '', status: 'quarantined', reason: 'event-invalid' },
    ]);
    const pulled = await pullAll(server, token);
    expect(pulled.map((p) => p.event.eventId)).toEqual([ok1.eventId, ok2.eventId]);
    const q = await call<{ items: { reason: string }[] }>(
      server,
      'GET',
      '/api/v1/admin/quarantine',
      { token: server.adminToken },
    );
    expect(q.body.items).toHaveLength(4);
  });

  it('pages pull with a cursor and validates the query', async () => {
    const server = await start();
    const token = await server.enroll(DESK);
    const events = Array.from({ length: 10 }, () =>
      anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' }),
    );
    await push(server, token, events);
    const p1 = await call<PullResponse>(server, 'GET', '/api/v1/pull?after=0&limit=4', { token });
    expect(p1.body).toMatchObject({ next: 4, hasMore: true });
    expect(p1.body.events.map((e) => e.event.eventId)).toEqual(
      events.slice(0, 4).map((e) => e.eventId),
    );
    const p3 = await call<PullResponse>(server, 'GET', '/api/v1/pull?after=8&limit=4', { token });
    expect(p3.body).toMatchObject({ next: 10, hasMore: false });
    expect(p3.body.events.map((e) => e.seq)).toEqual([9, 10]);
    const empty = await call<PullResponse>(server, 'GET', '/api/v1/pull?after=10', { token });
    expect(empty.body).toMatchObject({ events: [], next: 10, hasMore: false });
    expect(empty.body.generation).toMatch(/^[0-9a-f]{32}$/);
    expect(p1.body.events[0]?.event).toEqual(events[0]);
  });

  it('summarizes with the domain functions and the same checksum a laptop computes', async () => {
    const server = await start({ nowMs: () => Date.parse('2026-06-01T10:00:00Z') });
    const cjm = await server.enroll('desk-cjm');
    const mb = await server.enroll('desk-mb', { locationId: 'multibron' });
    const shared = makeTestId();
    const cjmEvents = [
      ...aMemberStory(shared, { deviceId: 'desk-cjm', paidCents: 250 }),
      ...aMemberStory(makeTestId(), { deviceId: 'desk-cjm', paidCents: 100 }),
    ];
    const mbEvents = [
      anEvent(
        'client-registered',
        { memberId: shared, locationId: 'multibron' },
        { deviceId: 'desk-mb', locationId: 'multibron', at: '2026-04-01T10:00:00.000Z' },
      ),
      ...aMemberStory(makeTestId(), {
        deviceId: 'desk-mb',
        locationId: 'multibron',
        paidCents: 250,
      }),
    ];
    await push(server, cjm, cjmEvents);
    const before = await call<SummaryResponse>(server, 'GET', '/api/v1/summary?year=2026', {
      token: cjm,
    });
    expect(before.body.checksum).toEqual(checksumOf(cjmEvents.map((e) => e.eventId)));
    await push(server, mb, mbEvents);
    const all = [...mbEvents, ...cjmEvents];
    const answer = await call<SummaryResponse>(server, 'GET', '/api/v1/summary', { token: mb });
    expect(answer.status).toBe(200);
    expect(answer.body.summary).toEqual(summarize(foldEvents(all), 2026));
    expect(answer.body.summary.total.registeredClients).toBe(3);
    expect(answer.body.summary.locations.cjm?.registeredClients).toBe(2);
    expect(answer.body.summary.locations.multibron?.registeredClients).toBe(2);
    expect(answer.body.summary.total.payingMembers).toBe(2);
    expect(answer.body.checksum).toEqual(checksumOf(all.map((e) => e.eventId).reverse()));
    expect(answer.body.lastSeq).toBe(all.length);
    const admin = await call<SummaryResponse>(server, 'GET', '/api/v1/summary?year=2025', {
      token: server.adminToken,
    });
    expect(admin.body.summary).toEqual(summarize(foldEvents(all), 2025));
  });

  it('clamps an HLC from a laptop clock far in the future', async () => {
    const now = Date.parse('2026-06-01T10:00:00Z');
    const server = await start({ nowMs: () => now, maxClockSkewMs: 60_000 });
    const token = await server.enroll(DESK);
    const memberId = makeTestId();
    const future = anEvent(
      'member-profile-set',
      { memberId, fields: { phone: '0600000000' } },
      { hlc: formatHlc({ wallMs: Date.parse('2031-01-01T00:00:00Z'), counter: 3 }, DESK) },
    );
    const honest = anEvent(
      'member-profile-set',
      { memberId, fields: { phone: '0611111111' } },
      { hlc: formatHlc({ wallMs: now - 1000, counter: 0 }, DESK) },
    );
    await push(server, token, [future, honest]);
    const pulled = await pullAll(server, token);
    expect(pulled[0]?.event.hlc).toBe(formatHlc({ wallMs: now + 60_000, counter: 3 }, DESK));
    expect(pulled[1]?.event.hlc).toBe(honest.hlc);
  });

  it("redacts an erased member's earlier profile payloads in what pull returns", async () => {
    const server = await start();
    // Erasure is coordinator work: a coordinator device's token is its proof.
    const token = await server.enroll(DESK, { role: 'coordinator' });
    const memberId = makeTestId();
    await push(server, token, aMemberStory(memberId, { name: 'Efua Mensah-Zuidoost' }));
    await push(server, token, [anEvent('member-erased', { memberId })]);
    const pulled = await pullAll(server, token);
    expect(JSON.stringify(pulled)).not.toContain('Efua');
    expect(pulled.map((p) => p.event.type)).toEqual([
      'client-registered',
      'member-profile-set',
      'membership-started',
      'member-erased',
    ]);
  });

  it('tells a too-old client 426 and a newer protocol or payload version a clear 400', async () => {
    const server = await start({ minPayloadVersion: 2 });
    const token = await server.enroll(DESK);
    const e = anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' });
    expect(await push(server, token, [e], { payloadVersion: 1 })).toMatchObject({
      status: 426,
      body: { error: 'client-too-old' },
    });
    expect(await push(server, token, [e], { payloadVersion: PAYLOAD_VERSION + 1 })).toMatchObject({
      status: 400,
      body: { error: 'payload-version-unsupported' },
    });
    expect(await push(server, token, [e], { protocol: 2 })).toMatchObject({
      status: 400,
      body: { error: 'protocol-unsupported' },
    });
    expect(await server.storage.lastSeq()).toBe(0);
  });
});

describe('bad input to every endpoint', () => {
  it('answers a clear 4xx code, stores nothing and keeps serving', async () => {
    const server = await start({ maxBodyBytes: 64 * 1024 });
    const token = await server.enroll(DESK);
    const good = anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' });
    const pushBody = (over: Record<string, unknown>) => ({
      protocol: 1,
      payloadVersion: 1,
      events: [good],
      ...over,
    });
    const huge = JSON.stringify(
      pushBody({
        events: [{ ...good, data: { locationId: 'cjm', serviceId: 'x'.repeat(100_000) } }],
      }),
    );
    const cases: [string, string, Parameters<typeof call>[3], number, string][] = [
      ['POST', '/api/v1/push', { token, rawBody: '{"protocol":1,' }, 400, 'json-malformed'],
      [
        'POST',
        '/api/v1/push',
        { token, rawBody: '', contentType: 'application/json' },
        400,
        'body-empty',
      ],
      ['POST', '/api/v1/push', { token, body: [good] }, 400, 'body-invalid'],
      ['POST', '/api/v1/push', { token, body: pushBody({ events: 'many' }) }, 400, 'body-invalid'],
      [
        'POST',
        '/api/v1/push',
        { token, body: pushBody({ payloadVersion: '1' }) },
        400,
        'body-invalid',
      ],
      ['POST', '/api/v1/push', { token, body: pushBody({ extra: true }) }, 400, 'body-invalid'],
      [
        'POST',
        '/api/v1/push',
        { token, body: pushBody({ events: Array.from({ length: 1001 }, () => 1) }) },
        400,
        'body-invalid',
      ],
      [
        'POST',
        '/api/v1/push',
        { token, body: pushBody({ protocol: '1' }) },
        400,
        'protocol-unsupported',
      ],
      ['POST', '/api/v1/push', { token, rawBody: huge }, 413, 'body-too-large'],
      [
        'POST',
        '/api/v1/push',
        { token, rawBody: '<xml/>', contentType: 'application/xml' },
        415,
        'content-type-unsupported',
      ],
      [
        'POST',
        '/api/v1/push',
        { token, rawBody: 'hello', contentType: 'text/plain' },
        415,
        'content-type-unsupported',
      ],
      ['POST', '/api/v1/push', { body: pushBody({}) }, 401, 'token-missing'],
      [
        'POST',
        '/api/v1/push',
        { token: 'not-a-real-token', body: pushBody({}) },
        401,
        'token-invalid',
      ],
      [
        'POST',
        '/api/v1/push',
        { headers: { authorization: 'Basic dXNlcjpwYXNz' }, body: pushBody({}) },
        401,
        'token-invalid',
      ],
      [
        'POST',
        '/api/v1/push',
        { token: server.adminToken, body: pushBody({}) },
        403,
        'device-token-required',
      ],
      ['GET', '/api/v1/pull', {}, 401, 'token-missing'],
      ['GET', '/api/v1/pull?after=-1', { token }, 400, 'query-invalid'],
      ['GET', '/api/v1/pull?after=abc', { token }, 400, 'query-invalid'],
      ['GET', '/api/v1/pull?limit=0', { token }, 400, 'query-invalid'],
      ['GET', '/api/v1/pull?limit=999999', { token }, 400, 'query-invalid'],
      ['GET', '/api/v1/summary', { token: 'wrong' }, 401, 'token-invalid'],
      ['GET', '/api/v1/summary?year=abc', { token }, 400, 'query-invalid'],
      ['GET', '/api/v1/summary?year=1800', { token }, 400, 'query-invalid'],
      ['POST', '/api/v1/enroll', { rawBody: '{code:' }, 400, 'json-malformed'],
      [
        'POST',
        '/api/v1/enroll',
        { body: { code: 12345678, deviceId: 'laptop-x' } },
        400,
        'body-invalid',
      ],
      [
        'POST',
        '/api/v1/enroll',
        { body: { code: 'ABCD-EFGH-JKMN', deviceId: 'bad id!' } },
        400,
        'body-invalid',
      ],
      [
        'POST',
        '/api/v1/enroll',
        { body: { code: 'ABCD-EFGH-JKMN', deviceId: 'laptop-x' } },
        400,
        'code-invalid',
      ],
      ['POST', '/api/v1/enroll', { rawBody: huge }, 413, 'body-too-large'],
      [
        'POST',
        '/api/v1/admin/enrollment-codes',
        { token: server.adminToken, body: { locationId: 'atlantis' } },
        400,
        'location-unknown',
      ],
      [
        'POST',
        '/api/v1/admin/enrollment-codes',
        { token: server.adminToken, body: { locationId: 'cjm', role: 'root' } },
        400,
        'body-invalid',
      ],
      [
        'POST',
        '/api/v1/admin/enrollment-codes',
        { body: { locationId: 'cjm' } },
        401,
        'token-missing',
      ],
      ['GET', '/api/v1/admin/devices', { token }, 403, 'role-forbidden'],
      [
        'POST',
        '/api/v1/admin/devices/x/revoke',
        { token: server.adminToken },
        400,
        'device-id-invalid',
      ],
      ['GET', '/api/v1/no-such-endpoint', { token }, 404, 'not-found'],
      ['DELETE', '/api/v1/push', { token }, 404, 'not-found'],
    ];
    for (const [method, path, options, status, error] of cases) {
      const answer = await call(server, method, path, options);
      expect({
        method,
        path,
        status: answer.status,
        error: (answer.body as { error?: string }).error,
      }).toEqual({ method, path, status, error });
      expect(answer.headers.get('content-type')).toMatch(/application\/json/);
    }
    expect(await server.storage.lastSeq()).toBe(0);
    expect(await server.storage.listQuarantine(10)).toEqual([]);
    expect((await server.storage.listDevices()).map((d) => d.deviceId)).toEqual([DESK]);
    expect((await push(server, token, [good])).body.results).toEqual([
      { eventId: good.eventId, status: 'inserted', seq: 1 },
    ]);
  });

  it('rate-limits per token with 429', async () => {
    const server = await start({ rateLimitPerMinute: 3 });
    const token = await server.enroll(DESK);
    const other = await server.enroll('desk-test-2');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await call(server, 'GET', '/api/v1/pull', { token })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await call(server, 'GET', '/api/v1/pull', { token })).body).toMatchObject({
      error: 'rate-limited',
    });
    expect((await call(server, 'GET', '/api/v1/pull', { token: other })).status).toBe(200);
  });
});

describe('headers, CORS and the PWA', () => {
  function makeDist(dir: string): string {
    const dist = join(dir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Buurtpas</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    return dist;
  }

  it('serves the app shell with the right caching and falls back to index.html outside /api', async () => {
    const probe = await start();
    const dist = makeDist(probe.dataDir);
    const server = await start({ staticDir: dist });
    const root = await call(server, 'GET', '/');
    expect(root.status).toBe(200);
    expect(String(root.body)).toContain('<title>Buurtpas</title>');
    expect(root.headers.get('cache-control')).toBe('no-cache');
    const sw = await call(server, 'GET', '/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    const asset = await call(server, 'GET', '/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const deep = await call(server, 'GET', '/members/123');
    expect(deep.status).toBe(200);
    expect(String(deep.body)).toContain('<title>Buurtpas</title>');
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    expect(await call(server, 'GET', '/api/v1/nothing')).toMatchObject({
      status: 404,
      body: { error: 'not-found' },
    });
    for (const answer of [root, sw, asset]) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('content-security-policy')).toContain("'wasm-unsafe-eval'");
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('content-security-policy')).toMatch(/img-src 'self' blob: data:/);
      expect(answer.headers.get('permissions-policy')).toContain('camera=(self)');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('sends no CORS headers unless CORS_ORIGIN is set, and then only for that origin', async () => {
    const closed = await start();
    const plain = await call(closed, 'GET', '/api/v1/health', {
      headers: { origin: 'https://evil.example' },
    });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    const open = await start({ corsOrigin: 'https://buurtpas.example' });
    const allowed = await call(open, 'OPTIONS', '/api/v1/push', {
      headers: { origin: 'https://buurtpas.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://buurtpas.example');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Authorization');
    const other = await call(open, 'GET', '/api/v1/health', {
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
