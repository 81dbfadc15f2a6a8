/**
 * Starts `serve-for-test.ts` as a child process and talks to it over HTTP only (admin token for
 * enrollment codes, revocation and reading the stored events).
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export type ChildTestServer = {
  baseUrl: string;
  adminToken: string;
  issueCode: (locationId: string, role?: 'desk' | 'coordinator') => Promise<string>;
  enroll: (deviceId: string, locationId: string) => Promise<string>;
  revoke: (deviceId: string) => Promise<void>;
  devices: () => Promise<{ deviceId: string; revokedAt: string | null }[]>;
  eventCount: () => Promise<number>;
  close: () => Promise<void>;
};

export async function startChildTestServer(
  options: { fixedNow?: string; minPayloadVersion?: number } = {},
): Promise<ChildTestServer> {
  const env = {
    ...process.env,
    ...(options.fixedNow ? { FIXED_NOW: options.fixedNow } : {}),
    ...(options.minPayloadVersion
      ? { MIN_PAYLOAD_VERSION: String(options.minPayloadVersion) }
      : {}),
  };
  const child = spawn(
    join(ROOT, 'node_modules/.bin/tsx'),
    [join(ROOT, 'tests/sim/serve-for-test.ts')],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d) => (err += String(d)));
  const first = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      const nl = out.indexOf('\n');
      if (nl >= 0) res(out.slice(0, nl));
    });
    child.once('exit', (code) => rej(new Error(`test server exited ${code}: ${err}`)));
  });
  const { baseUrl, adminToken } = JSON.parse(first) as { baseUrl: string; adminToken: string };
  const admin = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  const issueCode = async (locationId: string, role: 'desk' | 'coordinator' = 'desk') =>
    (
      (await admin('POST', '/api/v1/admin/enrollment-codes', { locationId, role })) as {
        code: string;
      }
    ).code;
  return {
    baseUrl,
    adminToken,
    issueCode,
    enroll: async (deviceId, locationId) => {
      const code = await issueCode(locationId);
      const res = await fetch(`${baseUrl}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceId }),
      });
      return ((await res.json()) as { token: string }).token;
    },
    revoke: async (deviceId) => {
      await admin('POST', `/api/v1/admin/devices/${deviceId}/revoke`);
    },
    devices: async () =>
      (
        (await admin('GET', '/api/v1/admin/devices')) as {
          devices: { deviceId: string; revokedAt: string | null }[];
        }
      ).devices,
    eventCount: async () =>
      ((await admin('GET', '/api/v1/pull?after=0&limit=5000')) as { events: unknown[] }).events
        .length,
    close: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
      }),
  };
}
