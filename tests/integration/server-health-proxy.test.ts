/**
 * The health endpoint (basics for anyone, device sync times for coordinators and admins, 503
 * when the database does not answer), HSTS only over HTTPS, and X-Forwarded-* believed only
 * from the configured proxy. Real server (Fastify over SQLite), requests by `inject` with a
 * chosen remote address.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAdminToken,
  enrollDevice,
  issueEnrollmentCode,
} from '../../src/server/auth/enroll-device.ts';
import { buildServer } from '../../src/server/http/build-server.ts';
import { buildHttpsLocation } from '../../src/server/http/redirect-to-https.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../../src/server/storage/storage.ts';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function makeServer(options: { trustProxy?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'buurtpas-health-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const storage = openSqliteStorage({ file: join(dir, 'buurtpas.sqlite') });
  const app = await buildServer({
    storage,
    config: {
      staticDir: join(dir, 'no-dist'),
      corsOrigin: undefined,
      rateLimitPerMinute: 0,
      maxBodyBytes: 1024 * 1024,
      maxClockSkewMs: 600_000,
      minPayloadVersion: 1,
      enrollmentCodeTtlHours: 72,
    },
    nowMs: () => NOW,
    hstsMaxAgeSeconds: 31_536_000,
    ...options,
  });
  cleanups.push(async () => {
    await app.close();
    await storage.close();
  });
  return { app, storage };
}

async function enroll(
  storage: Storage,
  deviceId: string,
  role: 'desk' | 'coordinator',
  name: string,
) {
  const issued = await issueEnrollmentCode(storage, {
    locationId: 'multibron',
    role,
    ttlHours: 1,
    nowMs: NOW,
  });
  if (!issued.ok) throw new Error(issued.code);
  const result = await enrollDevice(storage, {
    code: issued.issued.code,
    deviceId,
    name,
    nowMs: NOW,
  });
  if (!result.ok) throw new Error(result.code);
  return result.response.token;
}

const get = (
  app: FastifyInstance,
  url: string,
  headers: Record<string, string> = {},
  remoteAddress = '127.0.0.1',
) => app.inject({ method: 'GET', url, headers, remoteAddress });

describe('GET /api/v1/health', () => {
  it('tells anyone the database answers; only a coordinator or admin sees the devices', async () => {
    const { app, storage } = await makeServer();
    const desk = await enroll(storage, 'dmbdesk01', 'desk', 'Balie MultiBron');
    const coordinator = await enroll(storage, 'dmbcoord1', 'coordinator', 'Coördinator');
    const admin = await createAdminToken(storage, NOW);
    await storage.noteDeviceActivity('dmbdesk01', 'push', '2026-11-24T09:00:00.000Z');
    await storage.noteDeviceActivity('dmbdesk01', 'pull', '2026-11-24T09:05:00.000Z');

    const open = await get(app, '/api/v1/health');
    expect(open.statusCode).toBe(200);
    const body = open.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      status: 'ok',
      database: { engine: 'sqlite', reachable: true },
      generation: await storage.readGeneration(),
    });
    expect(body.devices).toBeUndefined();
    expect(
      (await get(app, '/api/v1/health', { authorization: `Bearer ${desk}` })).json(),
    ).not.toHaveProperty('devices');

    for (const token of [coordinator, admin]) {
      const seen = (await get(app, '/api/v1/health', { authorization: `Bearer ${token}` })).json<{
        devices: {
          name: string;
          lastPushAt: string | null;
          lastPullAt: string | null;
          lastSyncAt: string | null;
        }[];
      }>();
      expect(seen.devices.find((d) => d.name === 'Balie MultiBron')).toMatchObject({
        lastPushAt: '2026-11-24T09:00:00.000Z',
        lastPullAt: '2026-11-24T09:05:00.000Z',
        lastSyncAt: '2026-11-24T09:05:00.000Z',
      });
    }
  });

  it('answers 503 database-unreachable when the database is gone', async () => {
    const { app, storage } = await makeServer();
    await storage.close();
    const res = await get(app, '/api/v1/health');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      status: 'database-unreachable',
      database: { reachable: false },
    });
  });

  it('records the last push and pull of a device through the sync endpoints', async () => {
    const { app, storage } = await makeServer();
    const desk = await enroll(storage, 'dmbdesk02', 'desk', 'Balie 2');
    const pulled = await get(app, '/api/v1/pull?after=0', { authorization: `Bearer ${desk}` });
    expect(pulled.json()).toMatchObject({ generation: await storage.readGeneration() });
    const pushed = await app.inject({
      method: 'POST',
      url: '/api/v1/push',
      headers: { authorization: `Bearer ${desk}` },
      payload: { protocol: 1, payloadVersion: 1, events: [] },
    });
    expect(pushed.json()).toMatchObject({ generation: await storage.readGeneration() });
    expect(await storage.listDeviceActivity()).toEqual([
      {
        deviceId: 'dmbdesk02',
        lastPushAt: new Date(NOW).toISOString(),
        lastPullAt: new Date(NOW).toISOString(),
      },
    ]);
  });
});

describe('HSTS and the trusted proxy', () => {
  it('no HSTS over plain HTTP, even when a client claims X-Forwarded-Proto: https', async () => {
    const { app } = await makeServer();
    const res = await get(app, '/api/v1/health', { 'x-forwarded-proto': 'https' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('believes X-Forwarded-Proto and -For from the proxy address only', async () => {
    const { app } = await makeServer({ trustProxy: '127.0.0.1,::1' });
    const viaProxy = await get(app, '/api/v1/health', {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '10.0.0.7',
    });
    expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000');
    const direct = await get(app, '/api/v1/health', { 'x-forwarded-proto': 'https' }, '10.0.0.9');
    expect(direct.headers['strict-transport-security']).toBeUndefined();
  });

  it('builds the redirect target from the Host header and refuses a forged one', () => {
    expect(buildHttpsLocation('buurtpas.lan', '/members?x=1', 443)).toBe(
      'https://buurtpas.lan/members?x=1',
    );
    expect(buildHttpsLocation('buurtpas.lan:8080', '/', 8443)).toBe('https://buurtpas.lan:8443/');
    expect(buildHttpsLocation('[fd00::1]:80', '/', 443)).toBe('https://[fd00::1]/');
    expect(buildHttpsLocation('evil.example/x', '/', 443)).toBeUndefined();
    expect(buildHttpsLocation(undefined, '/', 443)).toBeUndefined();
    expect(buildHttpsLocation('buurtpas.lan', '//evil.example', 443)).toBe(
      'https://buurtpas.lan//evil.example',
    );
  });
});
