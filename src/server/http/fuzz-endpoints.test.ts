/**
 * Fuzzing every endpoint over real HTTP on both storage engines (PostgreSQL when
 * BUURTPAS_TEST_PG_URL is set): arbitrary JSON, arbitrary bytes, mangled events and query
 * strings. The laws: never a 5xx; a refused body stores nothing; the server answers afterwards.
 * Run counts are small and fixed (seeded) so the suite stays quick on a shared machine.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYLOAD_VERSION } from '../../domain/events.ts';
import { createAdminToken } from '../auth/enroll-device.ts';
import { anEvent, makeTestId } from '../testing/build-test-events.ts';
import {
  startEngineServer,
  TEST_ENGINES,
  type EngineServer,
} from '../testing/start-engine-server.ts';

const DESK = 'desk-fuzz-1';
const RUNS = 30;

type Endpoint = { method: 'GET' | 'POST'; path: string };
const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/api/v1/health' },
  { method: 'POST', path: '/api/v1/enroll' },
  { method: 'POST', path: '/api/v1/push' },
  { method: 'GET', path: '/api/v1/pull' },
  { method: 'GET', path: '/api/v1/summary' },
  { method: 'POST', path: '/api/v1/admin/enrollment-codes' },
  { method: 'GET', path: '/api/v1/admin/devices' },
  { method: 'POST', path: '/api/v1/admin/devices/desk-fuzz-2/revoke' },
  { method: 'GET', path: '/api/v1/admin/quarantine' },
  { method: 'GET', path: '/api/v1/reports/year' },
  { method: 'GET', path: '/api/v1/members/01964b80-0000-7000-8000-000000000001/facts' },
  { method: 'GET', path: '/api/v1/facts' },
];

type Snapshot = { lastSeq: number; quarantined: number; devices: number };

async function snapshot(server: EngineServer): Promise<Snapshot> {
  return {
    lastSeq: await server.storage.lastSeq(),
    quarantined: (await server.storage.listQuarantine(100_000)).length,
    devices: (await server.storage.listDevices()).length,
  };
}

async function send(
  server: EngineServer,
  endpoint: Endpoint,
  options: { token?: string; body?: string | Uint8Array; contentType?: string; query?: string },
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  const res = await fetch(`${server.baseUrl}${endpoint.path}${options.query ?? ''}`, {
    method: endpoint.method,
    headers,
    ...(endpoint.method === 'POST' && options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : Buffer.from(options.body) }
      : {}),
  });
  return { status: res.status, text: await res.text() };
}

/** An event with some fields replaced by arbitrary JSON: reaches deep into the event checks. */
const mangledEvent = fc
  .tuple(
    fc.constantFrom(
      'eventId',
      'v',
      'type',
      'at',
      'hlc',
      'deviceId',
      'locationId',
      'role',
      'data',
      'proof',
    ),
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('2026-13-45', '0000-00-00', 'a\u0000b', '\uFFFF', '\uD800'),
    ),
  )
  .map(([field, value]) => {
    const event = anEvent(
      'visit-recorded',
      { memberId: makeTestId(), locationId: 'cjm' },
      { deviceId: DESK },
    ) as unknown as Record<string, unknown>;
    return { ...event, [field]: value };
  });

describe.each(TEST_ENGINES)('fuzzing every endpoint (%s)', (engine) => {
  let server: EngineServer;
  let desk: string;
  let coordinator: string;
  let admin: string;
  let tokens: (string | undefined)[];

  beforeAll(async () => {
    server = await startEngineServer(engine);
    desk = await server.enroll(DESK);
    coordinator = await server.enroll('coord-fuzz-1', { role: 'coordinator' });
    await server.enroll('desk-fuzz-2');
    admin = await createAdminToken(server.storage, Date.now());
    tokens = [undefined, desk, coordinator, admin, 'not-a-token', '\u0000'];
  });
  afterAll(async () => {
    await server.close();
  });

  const answersAfterwards = async () => {
    const health = await send(server, ENDPOINTS[0]!, {});
    expect(health.status).toBe(200);
  };

  it('answers arbitrary JSON bodies on every endpoint below 500, storing nothing when refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        fc.constantFrom(0, 1, 2, 3, 4),
        fc.jsonValue({ maxDepth: 4 }),
        async (endpoint, tokenIndex, value) => {
          const before = await snapshot(server);
          const answer = await send(server, endpoint, {
            token: tokens[tokenIndex],
            body: JSON.stringify(value),
            contentType: 'application/json',
          });
          expect(answer.status).toBeLessThan(500);
          if (answer.status >= 400) {
            const after = await snapshot(server);
            expect(after.lastSeq).toBe(before.lastSeq);
            expect(after.devices).toBe(before.devices);
          }
        },
      ),
      { numRuns: RUNS, seed: 9009 },
    );
    await answersAfterwards();
  });

  it('answers arbitrary bytes and content types below 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS.filter((e) => e.method === 'POST')),
        fc.constantFrom(0, 1, 2, 3, 5),
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/octet-stream',
          'application/json; charset=latin1',
          'multipart/form-data',
        ),
        async (endpoint, tokenIndex, bytes, contentType) => {
          const before = await snapshot(server);
          const token = tokens[tokenIndex];
          const answer = await send(server, endpoint, {
            ...(token !== '\u0000' ? { token } : {}),
            body: bytes,
            contentType,
          });
          expect(answer.status).toBeLessThan(500);
          if (answer.status >= 400) expect(await snapshot(server)).toEqual(before);
        },
      ),
      { numRuns: RUNS, seed: 9010 },
    );
    await answersAfterwards();
  });

  it('answers pushes of mangled events per event, below 500, storing only what was inserted', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(mangledEvent, fc.jsonValue({ maxDepth: 3 })), { maxLength: 6 }),
        async (events) => {
          const before = await snapshot(server);
          const answer = await send(
            server,
            { method: 'POST', path: '/api/v1/push' },
            {
              token: desk,
              body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events }),
              contentType: 'application/json',
            },
          );
          expect(answer.status).toBeLessThan(500);
          const after = await snapshot(server);
          if (answer.status !== 200) {
            expect(after).toEqual(before);
            return;
          }
          const results = (JSON.parse(answer.text) as { results: { status: string }[] }).results;
          expect(results).toHaveLength(events.length);
          const inserted = results.filter((r) => r.status === 'inserted').length;
          expect(after.lastSeq - before.lastSeq).toBe(inserted);
        },
      ),
      { numRuns: RUNS, seed: 9011 },
    );
    await answersAfterwards();
  });

  it('answers arbitrary query strings below 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS.filter((e) => e.method === 'GET')),
        fc.string({ maxLength: 60 }),
        async (endpoint, query) => {
          const answer = await send(server, endpoint, {
            token: admin,
            query: `?${encodeURIComponent(query).replace(/%3D/g, '=').replace(/%26/g, '&')}`,
          });
          expect(answer.status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS, seed: 9012 },
    );
    await answersAfterwards();
  });

  it('quarantines an event nested thousands of levels deep instead of failing the batch', async () => {
    // Written out by hand: JSON.stringify itself would overflow the stack here.
    const depth = 5000;
    const deep = `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
    const fine = anEvent(
      'visit-recorded',
      { memberId: makeTestId(), locationId: 'cjm' },
      { deviceId: DESK },
    );
    const nested = JSON.stringify({ ...fine, eventId: makeTestId(), data: '@DEEP@' }).replace(
      '"@DEEP@"',
      deep,
    );
    const before = await snapshot(server);
    const answer = await send(
      server,
      { method: 'POST', path: '/api/v1/push' },
      {
        token: desk,
        body: `{"protocol":1,"payloadVersion":${PAYLOAD_VERSION},"events":[${nested},${JSON.stringify(fine)}]}`,
        contentType: 'application/json',
      },
    );
    expect(answer.status).toBe(200);
    const results = (JSON.parse(answer.text) as { results: { status: string }[] }).results;
    expect(results.map((r) => r.status)).toEqual(['quarantined', 'inserted']);
    expect((await snapshot(server)).lastSeq).toBe(before.lastSeq + 1);
    await answersAfterwards();
  });

  it('answers a 20 MB batch with 413 even to a client that writes the whole body first', async () => {
    const port = Number(new URL(server.baseUrl).port);
    const size = 20_000_000;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let got = '';
      socket.on('data', (d: Buffer) => {
        got += d.toString();
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(got));
      socket.write(
        `POST /api/v1/push HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer ${desk}\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\nConnection: close\r\n\r\n`,
      );
      const chunk = Buffer.alloc(65_536, 32);
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          const n = Math.min(chunk.length, size - sent);
          sent += n;
          if (!socket.write(chunk.subarray(0, n))) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    expect(answer.startsWith('HTTP/1.1 413')).toBe(true);
    expect(answer).toContain('"error":"body-too-large"');
    await answersAfterwards();
  });
});
