/**
 * The admin sets or resets a role PIN from the server: the fact carries a role key that the PIN
 * unlocks, the server knows its public half, and a desk that signs with it is believed. Both
 * storage engines; the CLI itself once, as a process, over SQLite.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PAYLOAD_VERSION, type BuurtpasEvent, type EventOf } from '../../domain/events.ts';
import { canonicalEventText } from '../../domain/write-authority.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';
import { anEvent, makeTestId } from '../testing/build-test-events.ts';
import {
  startEngineServer,
  TEST_ENGINES,
  type EngineServer,
} from '../testing/start-engine-server.ts';
import { keyIdOf } from './role-proof.ts';
import { setRolePinFromServer } from './set-role-pin.ts';

const subtle = webcrypto.subtle;
const PIN = '48213907';

/** What the laptop does on unlock: PIN → AES key → private scalar → signing key. */
async function unlockRoleKey(fact: EventOf<'role-pin-set'>, pin: string): Promise<CryptoKey> {
  const { salt, iterations, publicKey, wrappedKey, iv } = fact.data;
  const base = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = new Uint8Array(
    await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: Buffer.from(salt, 'base64'), iterations },
      base,
      512,
    ),
  );
  expect(Buffer.from(bits.slice(0, 32)).toString('base64')).toBe(fact.data.hash);
  const aes = await subtle.importKey('raw', bits.slice(32), 'AES-GCM', false, ['decrypt']);
  const d = Buffer.from(
    await subtle.decrypt(
      { name: 'AES-GCM', iv: Buffer.from(iv ?? '', 'base64') },
      aes,
      Buffer.from(wrappedKey ?? '', 'base64'),
    ),
  );
  const point = Buffer.from(publicKey ?? '', 'base64');
  return subtle.importKey(
    'jwk',
    {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
      d: d.toString('base64url'),
    },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
}

async function pushOne(server: EngineServer, token: string, event: unknown): Promise<string> {
  const res = await fetch(`${server.baseUrl}/api/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events: [event] }),
  });
  const body = (await res.json()) as { results: { status: string; reason?: string }[] };
  return body.results[0]?.reason ?? body.results[0]?.status ?? 'none';
}

async function signedBy(key: CryptoKey, keyId: string, event: BuurtpasEvent) {
  const sig = await subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    new TextEncoder().encode(canonicalEventText(event)),
  );
  return {
    ...event,
    proof: { role: 'coordinator', keyId, sig: Buffer.from(sig).toString('base64') },
  };
}

describe.each(TEST_ENGINES)('role PIN set by the server admin (%s)', (engine) => {
  let server: EngineServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('makes a role key the PIN unlocks, which a desk can then prove the role with; a reset revokes it', async () => {
    server = await startEngineServer(engine);
    const desk = await server.enroll('desk-test-1');
    expect(
      await setRolePinFromServer(server.storage, {
        role: 'coordinator',
        pin: '12345',
        reset: false,
        nowMs: Date.now(),
      }),
    ).toEqual({ ok: false, code: 'pin-too-simple' });
    const set = await setRolePinFromServer(server.storage, {
      role: 'coordinator',
      pin: PIN,
      reset: false,
      nowMs: Date.now(),
    });
    if (!set.ok) throw new Error(set.code);
    const [row] = await server.storage.readEventsAfter(0, 10);
    const fact = JSON.parse(row!.json) as EventOf<'role-pin-set'>;
    expect(fact.type).toBe('role-pin-set');
    expect(keyIdOf(fact.data.publicKey ?? '')).toBe(set.keyId);

    const key = await unlockRoleKey(fact, PIN);
    await expect(unlockRoleKey(fact, '99999999')).rejects.toThrow();
    const erase = anEvent('member-erased', { memberId: makeTestId() }, { deviceId: 'desk-test-1' });
    expect(await pushOne(server, desk, erase)).toBe('role-proof-required');
    expect(await pushOne(server, desk, await signedBy(key, set.keyId, erase))).toBe('inserted');

    const reset = await setRolePinFromServer(server.storage, {
      role: 'coordinator',
      pin: '55511190',
      reset: true,
      nowMs: Date.now(),
    });
    expect(reset).toMatchObject({ ok: true, revoked: 1 });
    const later = anEvent('member-erased', { memberId: makeTestId() }, { deviceId: 'desk-test-1' });
    expect(await pushOne(server, desk, await signedBy(key, set.keyId, later))).toBe(
      'role-proof-invalid',
    );
  });
});

describe('cli.ts role-pin', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('takes the PIN on stdin and stores the fact and the key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'buurtpas-cli-'));
    dirs.push(dataDir);
    const run = (args: string[], stdin: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const child = execFile(
          'npx',
          ['tsx', 'src/server/cli.ts', ...args],
          { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
        child.stdin?.end(stdin);
      });
    const bad = await run(['role-pin', '--role', 'coordinator'], '123\n');
    expect(bad.code).toBe(2);
    const ok = await run(['role-pin', '--role', 'coordinator'], `${PIN}\n`);
    expect(ok.stderr).toContain('coordinator PIN set');
    expect(ok.code).toBe(0);
    const storage = openSqliteStorage({ file: join(dataDir, 'buurtpas.sqlite') });
    try {
      const keys = await storage.listRoleKeys();
      expect(keys.map((k) => k.keyId)).toEqual([ok.stdout.trim()]);
      expect(await storage.lastSeq()).toBe(1);
    } finally {
      await storage.close();
    }
  }, 60_000);
});
