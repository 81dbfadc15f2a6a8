/**
 * The server as a real process (`tsx src/server/main.ts`): graceful SIGTERM, durability across
 * SIGKILL, refusal of an unknown migration, and the CLI. No timing assertions: each step waits
 * for the process to say or do the thing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PAYLOAD_VERSION } from '../../src/domain/events.ts';
import type { PullResponse, PushResponse } from '../../src/domain/protocol.ts';
import { issueEnrollmentCode } from '../../src/server/auth/enroll-device.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite-storage.ts';
import { anEvent } from '../../src/server/testing/build-test-events.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

type Running = {
  child: ChildProcess;
  port: Promise<number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
};

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function makeDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'buurtpas-proc-'));
  dirs.push(dir);
  return dir;
}

/** `via: 'tsx'` goes through the tsx CLI (signals relayed); 'node' runs node itself, so SIGKILL hits the server. */
function startProcess(
  dataDir: string,
  via: 'tsx' | 'node',
  script = 'src/server/main.ts',
  args: string[] = [],
): Running {
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    STATIC_DIR: join(dataDir, 'no-dist'),
    LOG_LEVEL: 'info',
    DATABASE_URL: '',
  };
  const child =
    via === 'tsx'
      ? spawn(TSX, [script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, ['--import', 'tsx', script, ...args], {
          cwd: ROOT,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  children.push(child);
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal })),
  );
  const port = new Promise<number>((res, rej) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"port":(\d+)[^\n]*"msg":"buurtpas-listening"/.exec(out);
      if (match) res(Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    void exited.then(() => rej(new Error(`server exited before listening:\n${out}`)));
  });
  port.catch(() => undefined);
  return { child, port, exited, output: () => out };
}

async function makeEnrollmentCode(dataDir: string): Promise<string> {
  const storage = openSqliteStorage({ file: join(dataDir, 'buurtpas.sqlite') });
  const issued = await issueEnrollmentCode(storage, {
    locationId: 'cjm',
    role: 'desk',
    ttlHours: 1,
    nowMs: Date.now(),
  });
  await storage.close();
  if (!issued.ok) throw new Error(issued.code);
  return issued.issued.code;
}

async function enroll(port: number, code: string, deviceId: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceId }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function pushOne(port: number, token: string, deviceId: string) {
  const event = anEvent(
    'walk-in-counted',
    { locationId: 'cjm', serviceId: 'cjm:kookclub' },
    { deviceId },
  );
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events: [event] }),
  });
  expect(res.status).toBe(200);
  return { event, answer: (await res.json()) as PushResponse };
}

async function pull(port: number, token: string): Promise<PullResponse> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/pull?after=0`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as PullResponse;
}

describe('server process', () => {
  it('shuts down gracefully on SIGTERM: exits 0 and keeps what it acknowledged', async () => {
    const dataDir = makeDataDir();
    const code = await makeEnrollmentCode(dataDir);
    const server = startProcess(dataDir, 'tsx');
    const port = await server.port;
    const token = await enroll(port, code, 'desk-sigterm');
    const { answer } = await pushOne(port, token, 'desk-sigterm');
    // A push in flight when the signal arrives must still be answered or refused cleanly, never cut off mid-commit.
    const late = anEvent(
      'walk-in-counted',
      { locationId: 'cjm', serviceId: 'cjm:kookclub' },
      { deviceId: 'desk-sigterm' },
    );
    const inFlight = fetch(`http://127.0.0.1:${port}/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events: [late] }),
    }).then(
      async (res) =>
        res.status === 200
          ? ((await res.json()) as PushResponse).results[0]?.status
          : `http-${res.status}`,
      () => 'connection-closed',
    );
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('"msg":"closed"');
    const inFlightStatus = await inFlight;
    // Answered after commit, refused with 503 while closing, or never reached the server.
    expect(['inserted', 'http-503', 'connection-closed']).toContain(inFlightStatus);

    const again = startProcess(dataDir, 'tsx');
    const pulled = await pull(await again.port, token);
    expect(pulled.events.map((e) => e.event.eventId)).toContain(answer.results[0]?.eventId);
    if (inFlightStatus === 'inserted')
      expect(pulled.events.map((e) => e.event.eventId)).toContain(late.eventId);
    if (inFlightStatus === 'http-503')
      expect(pulled.events.map((e) => e.event.eventId)).not.toContain(late.eventId);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  });

  it('keeps an acknowledged push across SIGKILL and restart on the same file', async () => {
    const dataDir = makeDataDir();
    const code = await makeEnrollmentCode(dataDir);
    const first = startProcess(dataDir, 'node');
    const port = await first.port;
    const token = await enroll(port, code, 'desk-sigkill');
    const { event, answer } = await pushOne(port, token, 'desk-sigkill');
    expect(answer.results).toEqual([{ eventId: event.eventId, status: 'inserted', seq: 1 }]);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = startProcess(dataDir, 'node');
    const pulled = await pull(await second.port, token);
    expect(pulled.events).toEqual([{ seq: 1, event }]);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('refuses to start on a database with a migration it does not know', async () => {
    const dataDir = makeDataDir();
    await makeEnrollmentCode(dataDir);
    const db = new Database(join(dataDir, 'buurtpas.sqlite'));
    db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (42, 'from_a_newer_server', '2030-01-01')",
    ).run();
    db.close();
    const server = startProcess(dataDir, 'node');
    const exit = await server.exited;
    expect(exit.code).toBe(1);
    expect(server.output()).toContain('MigrationRefusedError');
    expect(server.output()).toContain('42');
  });

  it('CLI: enroll prints a one-time code the server accepts once; devices lists; revoke refuses the device', async () => {
    const dataDir = makeDataDir();
    const cli = startProcess(dataDir, 'tsx', 'src/server/cli.ts', [
      'enroll',
      '--location',
      'multibron',
      '--role',
      'coordinator',
    ]);
    expect((await cli.exited).code).toBe(0);
    const code = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/m.exec(cli.output())?.[0];
    expect(code).toBeDefined();
    const bad = startProcess(dataDir, 'tsx', 'src/server/cli.ts', [
      'enroll',
      '--location',
      'nowhere',
    ]);
    expect((await bad.exited).code).toBe(2);

    const server = startProcess(dataDir, 'node');
    const port = await server.port;
    const token = await enroll(port, code ?? '', 'laptop-coord-1');
    const reuse = await fetch(`http://127.0.0.1:${port}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceId: 'laptop-other' }),
    });
    expect(reuse.status).toBe(400);

    const list = startProcess(dataDir, 'tsx', 'src/server/cli.ts', ['devices']);
    expect((await list.exited).code).toBe(0);
    expect(list.output()).toMatch(/laptop-coord-1\tmultibron\tcoordinator\tactive/);
    const revoke = startProcess(dataDir, 'tsx', 'src/server/cli.ts', ['revoke', 'laptop-coord-1']);
    expect((await revoke.exited).code).toBe(0);
    const refused = await fetch(`http://127.0.0.1:${port}/api/v1/pull`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'device-revoked', detail: expect.any(String) });

    const adminCli = startProcess(dataDir, 'tsx', 'src/server/cli.ts', ['admin-token']);
    expect((await adminCli.exited).code).toBe(0);
    const adminToken = adminCli.output().split('\n')[0]?.trim() ?? '';
    const devices = await fetch(`http://127.0.0.1:${port}/api/v1/admin/devices`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(devices.status).toBe(200);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});
